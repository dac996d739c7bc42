package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.RawMqttSocket;

/** CONNECT handling: client identifier rules and takeover. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class ConnectTest {

    private static final int ACCEPTED = 0x00;
    private static final int IDENTIFIER_REJECTED = 0x02;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    // [MQTT-3.1.3-6]
    @Test
    void mqtt311EmptyClientIdWithCleanSessionIsAccepted() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect("", true)).isEqualTo(ACCEPTED);
            assertThat(raw.ping()).isTrue();
        }
    }

    // [MQTT-3.1.3-8]
    @Test
    void mqtt311EmptyClientIdWithoutCleanSessionIsRejected() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect("", false)).isEqualTo(IDENTIFIER_REJECTED);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    // MQTT 5.0 section 3.2.2.3.7: the server assigns an identifier and says which.
    @Test
    void mqtt5EmptyClientIdGetsAnAssignedIdentifier() {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().serverHost("127.0.0.1")
                .serverPort(port).buildBlocking();
        Mqtt5ConnAck connAck = client.connect();
        try {
            assertThat(connAck.getAssignedClientIdentifier()).isPresent();
            assertThat(connAck.getAssignedClientIdentifier().get().toString()).isNotBlank();
        } finally {
            client.disconnect();
        }
    }

    // [MQTT-3.1.4-2]: a second connection with the same client id takes over; the first is closed.
    @Test
    void secondConnectionWithSameClientIdTakesOver() {
        String id = "takeover-" + UUID.randomUUID();
        Mqtt5BlockingClient first = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(port).buildBlocking();
        Mqtt5BlockingClient second = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(port).buildBlocking();
        first.connect();

        second.connect();

        await().atMost(Duration.ofSeconds(5)).until(() -> !first.getState().isConnected());
        assertThat(second.getState().isConnected()).isTrue();
        second.disconnect();
    }

    @Test
    void mqtt5ClientConnectsWithCleanStart() {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        assertThat(client.getState().isConnected()).isTrue();
        client.disconnect();
    }
}
