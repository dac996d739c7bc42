package io.autoresponder.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Json;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.Replies;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * A bad request payload ends on the dead-letter topic with the reason and a bounded copy, is counted, and the
 * next good request is still answered.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class BadPayloadTest {

    private static final String DEAD_LETTER_TOPIC = "other/errors";

    // The broker the responder talks to: the embedded one (this key follows autoresponder.broker.port) or an
    // external one (the *OnMosquittoTest subclasses).
    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    private Mqtt5BlockingClient client;
    private Mqtt5BlockingClient.Mqtt5Publishes received;

    record BadPayload(String kind, String reason, String text) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static BadPayload[] badPayloads() {
        String marker = UUID.randomUUID().toString();
        return new BadPayload[] {
                new BadPayload("plain text", "not_json", "hello " + marker),
                new BadPayload("truncated JSON", "not_json", "{\"talk\":\"" + marker),
                new BadPayload("JSON followed by garbage", "not_json", "{\"talk\":\"a\",\"name\":\"b\"} " + marker),
                new BadPayload("JSON array", "wrong_shape", "[\"" + marker + "\"]"),
                new BadPayload("JSON string", "wrong_shape", "\"" + marker + "\""),
                new BadPayload("JSON null", "wrong_shape", "null"),
                new BadPayload("number where text belongs", "wrong_shape", "{\"talk\":5,\"name\":\"" + marker + "\"}"),
                new BadPayload("missing talk", "wrong_shape", "{\"name\":\"" + marker + "\"}"),
                new BadPayload("missing name", "wrong_shape", "{\"talk\":\"" + marker + "\"}"),
                new BadPayload("object where text belongs", "wrong_shape",
                        "{\"talk\":{\"x\":1},\"name\":\"" + marker + "\"}"),
        };
    }

    @BeforeEach
    void connect() {
        client = Mqtt.v5(port);
        received = client.publishes(MqttGlobalPublishFilter.ALL);
        client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();
        client.subscribeWith().topicFilter(DEAD_LETTER_TOPIC).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void disconnect() {
        received.close();
        client.disconnect();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPayloads")
    void badPayloadIsDeadLetteredAndTheStreamGoesOn(BadPayload bad) throws Exception {
        double rejectedBefore = rejected(bad.reason());

        publish(bad.text().getBytes(StandardCharsets.UTF_8));

        JsonNode letter = Replies.await(received, DEAD_LETTER_TOPIC, json -> bad.text().equals(json.path("payload").asText()));
        assertThat(letter.path("reason").asText()).isEqualTo(bad.reason());
        assertThat(letter.path("error").asText()).startsWith(bad.reason() + ": ").hasSizeGreaterThan(bad.reason().length() + 3);
        assertThat(letter.path("channel").asText()).isEqualTo("test");
        assertThat(letter.path("topic").asText()).isEqualTo("test");
        assertThat(letter.path("truncated").asBoolean()).isFalse();
        assertThat(rejected(bad.reason())).isEqualTo(rejectedBefore + 1);
        assertNextGoodRequestIsAnswered();
    }

    @Test
    void emptyPayloadIsDeadLettered() throws Exception {
        double rejectedBefore = rejected("empty");

        publish(new byte[0]);

        JsonNode letter = Replies.await(received, DEAD_LETTER_TOPIC, json -> "empty".equals(json.path("reason").asText()));
        assertThat(letter.path("payloadBytes").asInt()).isZero();
        assertThat(rejected("empty")).isEqualTo(rejectedBefore + 1);
        assertNextGoodRequestIsAnswered();
    }

    @Test
    void oversizedPayloadIsDeadLetteredWithABoundedCopy() throws Exception {
        String marker = UUID.randomUUID().toString();
        byte[] big = ("{\"talk\":\"" + marker + "x".repeat(100 * 1024) + "\",\"name\":\"n\"}").getBytes(StandardCharsets.UTF_8);

        publish(big);

        JsonNode letter = Replies.await(received, DEAD_LETTER_TOPIC, json -> json.path("payload").asText().contains(marker));
        assertThat(letter.path("reason").asText()).isEqualTo("too_large");
        assertThat(letter.path("payloadBytes").asInt()).isEqualTo(big.length);
        assertThat(letter.path("truncated").asBoolean()).isTrue();
        assertThat(letter.path("payload").asText().length()).isLessThanOrEqualTo(4096);
        assertNextGoodRequestIsAnswered();
    }

    @Test
    void aFloodOfBadPayloadsDoesNotStopTheResponder() throws Exception {
        double rejectedBefore = rejected("not_json");
        for (int i = 0; i < 500; i++) {
            client.publishWith().topic("test").qos(MqttQos.AT_MOST_ONCE).payload(Json.bytes("not json " + i)).send();
        }
        assertNextGoodRequestIsAnswered();
        // MQTT orders messages per QoS level only (MQTT 5.0 section 4.6): the QoS 1 request may overtake QoS 0 ones
        // (Mosquitto does), so wait for every bad one to be counted before the next test reads the counter.
        await("every bad payload counted").atMost(Duration.ofSeconds(30))
                .until(() -> rejected("not_json") >= rejectedBefore + 500);
    }

    private void assertNextGoodRequestIsAnswered() throws InterruptedException {
        String id = UUID.randomUUID().toString();
        publish(Json.bytes("{\"talk\":\"still there?\",\"name\":\"n\",\"id\":\"" + id + "\"}"));
        JsonNode reply = Replies.replyWithId(received, id);
        assertThat(reply.path("talk").asText()).isEqualTo("still there?");
    }

    private void publish(byte[] payload) {
        client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
    }

    private static double rejected(String reason) {
        return PrometheusText.sample("autoresponder_payloads_rejected_total{channel=\"test\",reason=\"" + reason + "\"}");
    }
}
