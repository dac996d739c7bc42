package io.autoresponder.broker.listener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

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
import io.autoresponder.support.profiles.WebSocketListenerResource;

/**
 * MQTT over WebSocket (MQTT 5.0 section 6, 3.1.1 section 6): path {@code /mqtt}, subprotocol {@code mqtt}, binary
 * frames, on its own port next to the plain TCP listener.
 */
@QuarkusTest
@WithTestResource(WebSocketListenerResource.class)
class WebSocketListenerTest {

    @ConfigProperty(name = "autoresponder.broker.websocket.port")
    int webSocketPort;

    @Test
    void mqtt5ClientOverWebSocketGetsItsReplyFromTheResponder() throws Exception {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("ws-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(webSocketPort).webSocketConfig().serverPath("mqtt")
                .subprotocol("mqtt").applyWebSocketConfig().buildBlocking();
        client.connect();
        String id = UUID.randomUUID().toString();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();

            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Json.bytes("{\"talk\":\"over WebSocket\",\"name\":\"ws\",\"id\":\"" + id + "\"}")).send();

            JsonNode reply = Replies.replyWithId(publishes, id);
            assertThat(reply.path("id").asText()).isEqualTo(id);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mqtt311ClientConnectsOverWebSocketToo() {
        // MQTT 3.1.1 section 6: the subprotocol name is "mqtt" as well.
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier("ws-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(webSocketPort).webSocketConfig().serverPath("mqtt")
                .applyWebSocketConfig().buildBlocking();

        client.connect();
        assertThat(client.getState().isConnected()).isTrue();
        client.disconnect();
    }

    @Test
    void onlyThePathMqttIsUpgradedToWebSocket() throws IOException {
        assertThat(upgradeStatusLine("/other")).doesNotContain(" 101 ");
        assertThat(upgradeStatusLine("/mqtt")).contains(" 101 ");
    }

    @Test
    void readinessListsBothListenersWithTheirPorts() {
        given().when().get(HealthPaths.READY).then().statusCode(200)
                .body("checks.find { it.name == 'embedded-mqtt-broker' }.data.'listener.websocket'", equalTo(webSocketPort));
    }

    /** The status line the listener answers to a WebSocket upgrade request for {@code path}. */
    private String upgradeStatusLine(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", webSocketPort)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            try {
                while ((c = in.read()) != -1 && c != '\n') {
                    line.append((char) c);
                }
            } catch (SocketTimeoutException silent) {
                // Netty hands a request for another path on unanswered; the CONNECT timeout closes it later.
            }
            return line.toString();
        }
    }
}
