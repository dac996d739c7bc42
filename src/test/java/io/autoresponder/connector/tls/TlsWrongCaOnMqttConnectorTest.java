package io.autoresponder.connector.tls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.HealthPaths;
import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;

/**
 * A broker whose certificate is not signed by a CA the service trusts is refused: the connector does not connect,
 * readiness is DOWN and says why (the TLS handshake, and which {@code quarkus.tls.*} configuration to check).
 */
@QuarkusTest
@TestProfile(TlsWrongCaOnMqttConnectorTest.OtherCa.class)
@ExtendWith(RequiresMosquitto.class)
class TlsWrongCaOnMqttConnectorTest {

    /** The service trusts only an unrelated CA. */
    public static class OtherCa implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.responder.connector", "autoresponder-mqtt",
                    "mp.messaging.connector.autoresponder-mqtt.tls-configuration-name", "broker",
                    "mp.messaging.connector.autoresponder-mqtt.reconnect-initial-delay", "200ms",
                    "mp.messaging.connector.autoresponder-mqtt.reconnect-max-delay", "1s",
                    "quarkus.tls.broker.trust-store.pem.certs", "${test.tls.other-ca}");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MosquittoBroker.class,
                    Map.of(MosquittoBroker.TLS, MosquittoBroker.TLS_SERVER)));
        }
    }

    @Test
    void aBrokerCertificateFromAnUntrustedCaIsRefusedAndReadinessSaysWhy() {
        String reason = TlsExchange.awaitNotReadyReason();

        assertThat(reason).contains("TLS handshake failed").contains("quarkus.tls.broker.*")
                // the JDK's words for a certificate chain that does not lead to a trusted CA
                .containsIgnoringCase("certification path");
        given().when().get(HealthPaths.LIVE).then().statusCode(200);
    }
}
