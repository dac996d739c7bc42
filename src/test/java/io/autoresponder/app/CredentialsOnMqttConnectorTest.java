package io.autoresponder.app;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;

/**
 * {@link CredentialsOnMosquittoTest} through our MQTT 5 connector, the default of external mode: it authenticates
 * with {@code mp.messaging.connector.autoresponder-mqtt.username} and {@code .password}.
 */
@QuarkusTest
@TestProfile(CredentialsOnMqttConnectorTest.OnlyOneUser.class)
@ExtendWith(RequiresMosquitto.class)
class CredentialsOnMqttConnectorTest extends CredentialsOnMosquittoTest {

    /** The same broker and credentials; the connector follows autoresponder.broker.enabled=false. */
    public static class OnlyOneUser implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MosquittoBroker.class,
                    Map.of(MosquittoBroker.USERNAME, USER, MosquittoBroker.PASSWORD, PASSWORD)));
        }
    }
}
