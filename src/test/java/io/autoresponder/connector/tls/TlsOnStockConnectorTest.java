package io.autoresponder.connector.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.tls.TlsCertificates;

/**
 * The stock connector ({@code smallrye-mqtt}) with the TLS keys docs/configuration.md and docs/external-brokers.md give:
 * {@code ssl=true}, host name verification {@code HTTPS}, the CA as a PEM trust store and a client certificate as
 * PEM certificate and key, against a Mosquitto that requires client certificates.
 */
@QuarkusTest
@TestProfile(TlsOnStockConnectorTest.DocumentedKeys.class)
@ExtendWith(RequiresMosquitto.class)
class TlsOnStockConnectorTest {

    /** The keys as documented; for PEM the key store's "password" is the key file (the connector's convention). */
    public static class DocumentedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.responder.connector", "smallrye-mqtt",
                    "mp.messaging.connector.smallrye-mqtt.ssl", "true",
                    "mp.messaging.connector.smallrye-mqtt.ssl.hostname-verification-algorithm", "HTTPS",
                    "mp.messaging.connector.smallrye-mqtt.ssl.truststore.type", "pem",
                    "mp.messaging.connector.smallrye-mqtt.ssl.truststore.location", "${test.tls.ca}",
                    "mp.messaging.connector.smallrye-mqtt.ssl.keystore.type", "pem",
                    "mp.messaging.connector.smallrye-mqtt.ssl.keystore.location", "${test.tls.client-cert}",
                    "mp.messaging.connector.smallrye-mqtt.ssl.keystore.password", "${test.tls.client-key}");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MosquittoBroker.class,
                    Map.of(MosquittoBroker.TLS, MosquittoBroker.TLS_CLIENT_CERTIFICATE)));
        }
    }

    @MosquittoBroker.Broker
    TlsCertificates certificates;

    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    @Test
    void withTheDocumentedTlsKeysTheStockConnectorIsAdmittedAndAnswers() throws Exception {
        TlsExchange.awaitReady();

        assertThat(TlsExchange.requestAndReply(port, certificates.clientSslConfig(true)).path("name").asText())
                .isEqualTo("tls");
    }
}
