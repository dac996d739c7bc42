package io.autoresponder.connector.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;

/**
 * Without a client certificate, a broker that requires one refuses the service: readiness is DOWN and says that
 * the TLS handshake failed.
 */
@QuarkusTest
@TestProfile(MissingClientCertificateOnMqttConnectorTest.TrustOnly.class)
@ExtendWith(RequiresMosquitto.class)
class MissingClientCertificateOnMqttConnectorTest {

    /** The right CA (PEM), but no key store. */
    public static class TrustOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.responder.connector", "autoresponder-mqtt",
                    "mp.messaging.connector.autoresponder-mqtt.tls-configuration-name", "broker",
                    "mp.messaging.connector.autoresponder-mqtt.reconnect-initial-delay", "200ms",
                    "mp.messaging.connector.autoresponder-mqtt.reconnect-max-delay", "1s",
                    "quarkus.tls.broker.trust-store.pem.certs", "${test.tls.ca}");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MosquittoBroker.class,
                    Map.of(MosquittoBroker.TLS, MosquittoBroker.TLS_CLIENT_CERTIFICATE)));
        }
    }

    @Test
    void withoutAClientCertificateTheServiceIsRefusedAndReadinessSaysWhy() {
        String reason = TlsExchange.awaitNotReadyReason();

        // TLS 1.3 alert 116 from the broker (RFC 8446 section 4.4.2.4)
        assertThat(reason).contains("TLS handshake failed").contains("certificate_required");
    }
}
