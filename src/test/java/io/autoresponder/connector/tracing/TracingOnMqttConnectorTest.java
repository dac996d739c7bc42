package io.autoresponder.connector.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;

/** {@link TracingTest} through our MQTT 5 connector (autoresponder-mqtt) and a real Mosquitto. */
@QuarkusTest
@TestProfile(TracingOnMqttConnectorTest.OnMosquitto.class)
@ExtendWith(RequiresMosquitto.class)
class TracingOnMqttConnectorTest extends TracingTest {

    /** Tracing on, in external mode against Mosquitto. */
    public static class OnMosquitto extends TracingProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return new HashMap<>(super.getConfigOverrides());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MosquittoBroker.class));
        }
    }

    @Override
    boolean knowsThePublisher() {
        return false;
    }
}
