package io.autoresponder.broker.listener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.HealthPaths;
import io.autoresponder.support.Json;
import io.autoresponder.support.Replies;
import io.autoresponder.support.profiles.TlsListenerResource;
import io.autoresponder.support.tls.TlsCertificates;

/**
 * The TLS listener (MQTT over TLS, MQTT 5.0 section 4.13 / 3.1.1 section 5.4), configured through the Quarkus TLS
 * registry with client certificates required; the certificates are made at test time.
 */
@QuarkusTest
@WithTestResource(TlsListenerResource.class)
class TlsListenerTest {

    @ConfigProperty(name = "autoresponder.broker.tls.port")
    int tlsPort;

    @ConfigProperty(name = "autoresponder.broker.websocket.port")
    int webSocketPort;

    @Test
    void clientWithATrustedCertificateCompletesTheHandshakeAndGetsItsReplyFromTheResponder() throws Exception {
        Mqtt5BlockingClient client = v5(certificates().clientKeys());
        client.connect();
        String id = UUID.randomUUID().toString();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();

            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Json.bytes("{\"talk\":\"over TLS\",\"name\":\"tls\",\"id\":\"" + id + "\"}")).send();

            JsonNode reply = Replies.replyWithId(publishes, id);
            assertThat(reply.path("id").asText()).isEqualTo(id);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void webSocketListenerWithTlsAcceptsTheTrustedClient() {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("wss-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(webSocketPort).sslConfig().keyManagerFactory(certificates().clientKeys())
                .trustManagerFactory(certificates().clientTrust()).applySslConfig().webSocketConfig().serverPath("mqtt")
                .applyWebSocketConfig().buildBlocking();

        client.connect();
        assertThat(client.publishWith().topic("wss/check").qos(MqttQos.AT_LEAST_ONCE).send().getError()).isEmpty();
        client.disconnect();
    }

    @Test
    void mqtt311ClientConnectsOverTlsToo() {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier("tls-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(tlsPort).sslConfig().keyManagerFactory(certificates().clientKeys())
                .trustManagerFactory(certificates().clientTrust()).applySslConfig().buildBlocking();

        client.connect();
        assertThat(client.getState().isConnected()).isTrue();
        client.disconnect();
    }

    @Test
    void clientWithACertificateTheBrokerDoesNotTrustIsRefusedInTheHandshake() {
        Mqtt5BlockingClient stranger = v5(certificates().strangerKeys());

        assertThatThrownBy(stranger::connect).isInstanceOf(RuntimeException.class);
        assertThat(stranger.getState().isConnected()).isFalse();
    }

    @Test
    void clientWithoutACertificateIsRefusedWhenCertificatesAreRequired() {
        Mqtt5BlockingClient anonymous = v5(null);

        assertThatThrownBy(anonymous::connect).isInstanceOf(RuntimeException.class);
        assertThat(anonymous.getState().isConnected()).isFalse();
    }

    @Test
    void readinessListsTheTlsListenerWithItsPort() {
        given().when().get(HealthPaths.READY).then().statusCode(200)
                .body("checks.find { it.name == 'embedded-mqtt-broker' }.data.'listener.tls'", equalTo(tlsPort));
    }

    private Mqtt5BlockingClient v5(KeyManagerFactory keys) {
        var ssl = MqttClient.builder().useMqttVersion5().identifier("tls-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(tlsPort).sslConfig().trustManagerFactory(certificates().clientTrust());
        return (keys == null ? ssl : ssl.keyManagerFactory(keys)).applySslConfig().buildBlocking();
    }

    private TlsCertificates certificates() {
        // Read when used: an injected property would be required by every test application, not only this one.
        return TlsCertificates.in(ConfigProvider.getConfig()
                .getValue("quarkus.tls.mqtt.key-store.p12.path", java.nio.file.Path.class).getParent());
    }
}
