package io.autoresponder.connector.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.Mosquitto;
import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.tls.TlsCertificates;

/**
 * {@code autoresponder-mqtt} over TLS to a Mosquitto that speaks only TLS: the connector verifies the broker's
 * certificate against a PEM CA given through the Quarkus TLS registry ({@code tls-configuration-name}) and answers.
 */
@QuarkusTest
@TestProfile(TlsOnMqttConnectorTest.PemCa.class)
@ExtendWith(RequiresMosquitto.class)
class TlsOnMqttConnectorTest {

    /** Broker with a server certificate; the service trusts the test CA (PEM) and checks the host name. */
    public static class PemCa implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.responder.connector", "autoresponder-mqtt",
                    "mp.messaging.connector.autoresponder-mqtt.tls-configuration-name", "broker",
                    "quarkus.tls.broker.trust-store.pem.certs", "${test.tls.ca}");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MosquittoBroker.class,
                    Map.of(MosquittoBroker.TLS, MosquittoBroker.TLS_SERVER)));
        }
    }

    @MosquittoBroker.Broker
    Mosquitto broker;

    @MosquittoBroker.Broker
    TlsCertificates certificates;

    @ConfigProperty(name = "mp.messaging.connector.autoresponder-mqtt.port")
    int port;

    @Test
    void theBrokerVerifiedByItsCaAnswersARequestOverTls() throws Exception {
        TlsExchange.awaitReady();

        assertThat(TlsExchange.requestAndReply(port, certificates.clientSslConfig(false)).path("name").asText())
                .isEqualTo("tls");
    }

    @Test
    void theBrokerSpeaksOnlyTlsSoTheServiceCannotHaveConnectedInPlainText() {
        assertThatThrownBy(() -> Mqtt.v5(port)).isInstanceOf(RuntimeException.class);
        assertThat(broker.configFile()).content().contains("certfile ").contains("require_certificate false");
    }
}
