package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Json;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Replies;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * The seed scenario: {@code {"talk":"this is test!!","name":"测试"}} published to {@code test} is answered on
 * {@code other}, whatever MQTT version, QoS or retain flag the requester uses.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class SeedScenarioTest {

    private static final long TIMEOUT_SECONDS = 10;

    // The broker the responder talks to: the embedded one (this key follows autoresponder.broker.port) or an
    // external one (the *OnMosquittoTest subclasses).
    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    @Test
    void mqtt311RequesterGetsReplyForRetainedQos1Request() throws Exception {
        String id = UUID.randomUUID().toString();
        Mqtt3BlockingClient client = Mqtt.v3(port);
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(seed(id)).send();

            JsonNode reply = awaitReply3(publishes, id);

            assertSeedReply(reply, id);
        } finally {
            clearRetainedRequest(client);
            client.disconnect();
        }
    }

    @Test
    void mqtt5RequesterGetsReplyAtEveryQos() throws Exception {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other").qos(MqttQos.EXACTLY_ONCE).send();
            for (MqttQos qos : MqttQos.values()) {
                String id = UUID.randomUUID().toString();
                client.publishWith().topic("test").qos(qos).payload(seed(id)).send();

                assertSeedReply(Replies.replyWithId(publishes, id), id);
            }
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mqtt311RequesterGetsReplyAtEveryQos() throws Exception {
        Mqtt3BlockingClient client = Mqtt.v3(port);
        try (Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other").qos(MqttQos.EXACTLY_ONCE).send();
            for (MqttQos qos : MqttQos.values()) {
                String id = UUID.randomUUID().toString();
                client.publishWith().topic("test").qos(qos).payload(seed(id)).send();

                assertSeedReply(awaitReply3(publishes, id), id);
            }
        } finally {
            client.disconnect();
        }
    }

    @Test
    void retainedMqtt5RequestIsAnswered() throws Exception {
        String id = UUID.randomUUID().toString();
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(seed(id)).send();

            assertSeedReply(Replies.replyWithId(publishes, id), id);
        } finally {
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
            client.disconnect();
        }
    }

    static byte[] seed(String id) {
        return Json.bytes("{\"talk\":\"this is test!!\",\"name\":\"测试\",\"id\":\"" + id + "\"}");
    }

    static void assertSeedReply(JsonNode reply, String id) {
        assertThat(reply.path("name").asText()).isEqualTo("测试");
        assertThat(reply.path("talk").asText()).isEqualTo("this is test!!");
        assertThat(reply.path("reply").asText()).contains("测试").contains("this is test!!");
        assertThat(reply.path("id").asText()).isEqualTo(id);
        Instant timestamp = Instant.parse(reply.path("timestamp").asText());
        assertThat(Duration.between(timestamp, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    /** Skips replies to other requests (earlier tests, retained requests) until the one carrying {@code id}. */
    static JsonNode awaitReply3(Mqtt3BlockingClient.Mqtt3Publishes publishes, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Optional<Mqtt3Publish> publish = publishes.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (publish.isPresent()) {
                JsonNode json = Json.parse(publish.get().getPayloadAsBytes());
                if (id.equals(json.path("id").asText())) {
                    return json;
                }
            }
        }
        throw new AssertionError("no reply with id " + id + " within " + TIMEOUT_SECONDS + " s");
    }

    private static void clearRetainedRequest(Mqtt3BlockingClient client) {
        client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
    }
}
