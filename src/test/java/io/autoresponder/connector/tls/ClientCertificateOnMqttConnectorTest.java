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
import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.tls.TlsCertificates;

/**
 * A Mosquitto that requires client certificates ({@code require_certificate true}) admits the service, which
 * presents its certificate from a PKCS12 key store and trusts the CA from a PKCS12 trust store, both through the
 * Quarkus TLS registry; the service answers.
 */
@QuarkusTest
@TestProfile(ClientCertificateOnMqttConnectorTest.Pkcs12Stores.class)
@ExtendWith(RequiresMosquitto.class)
class ClientCertificateOnMqttConnectorTest {

    /** Trust store and key store as PKCS12 files. */
    public static class Pkcs12Stores implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.responder.connector", "autoresponder-mqtt",
                    "mp.messaging.connector.autoresponder-mqtt.tls-configuration-name", "broker",
                    "quarkus.tls.broker.trust-store.p12.path", "${test.tls.ca-trust-store}",
                    "quarkus.tls.broker.trust-store.p12.password", "${test.tls.store-password}",
                    "quarkus.tls.broker.key-store.p12.path", "${test.tls.client-key-store}",
                    "quarkus.tls.broker.key-store.p12.password", "${test.tls.store-password}");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MosquittoBroker.class,
                    Map.of(MosquittoBroker.TLS, MosquittoBroker.TLS_CLIENT_CERTIFICATE)));
        }
    }

    @MosquittoBroker.Broker
    TlsCertificates certificates;

    @ConfigProperty(name = "mp.messaging.connector.autoresponder-mqtt.port")
    int port;

    @Test
    void theBrokerRefusesAClientWithoutCertificateSoTheServiceMustHavePresentedOne() {
        assertThatThrownBy(() -> Mqtt.v5(port, certificates.clientSslConfig(false)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void withItsClientCertificateTheServiceIsAdmittedAndAnswers() throws Exception {
        TlsExchange.awaitReady();

        assertThat(TlsExchange.requestAndReply(port, certificates.clientSslConfig(true)).path("name").asText())
                .isEqualTo("tls");
    }
}
