package io.autoresponder.connector.tls;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;

/** {@link ClientCertificateOnMqttConnectorTest} with PEM files: the CA, and the client certificate and key. */
@QuarkusTest
@TestProfile(PemClientCertificateOnMqttConnectorTest.PemFiles.class)
@ExtendWith(RequiresMosquitto.class)
class PemClientCertificateOnMqttConnectorTest extends ClientCertificateOnMqttConnectorTest {

    /** As docs/configuration.md shows it. */
    public static class PemFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.responder.connector", "autoresponder-mqtt",
                    "mp.messaging.connector.autoresponder-mqtt.tls-configuration-name", "broker",
                    "quarkus.tls.broker.trust-store.pem.certs", "${test.tls.ca}",
                    "quarkus.tls.broker.key-store.pem.0.cert", "${test.tls.client-cert}",
                    "quarkus.tls.broker.key-store.pem.0.key", "${test.tls.client-key}");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MosquittoBroker.class,
                    Map.of(MosquittoBroker.TLS, MosquittoBroker.TLS_CLIENT_CERTIFICATE)));
        }
    }
}
