package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Json;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * The {@code replyTo} convention for requesters without MQTT 5 request/response: an MQTT 3.1.1 client names its
 * reply topic in the request JSON ({@code replyTo}) and gets the reply there, with its {@code correlationId}
 * copied into the reply; a {@code replyTo} that cannot be published to is dead-lettered with the reason and never
 * published to. Here on the embedded broker and the in-process connector; the {@code ReplyToOn*ConnectorTest}s
 * run the same against Mosquitto.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class ReplyToTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    String run;
    Mqtt3AsyncClient client;
    final Queue<Mqtt3Publish> received = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void connectAnMqtt311Requester() {
        run = UUID.randomUUID().toString();
        client = MqttClient.builder().useMqttVersion3().identifier("reply-to-" + run).serverHost("127.0.0.1")
                .serverPort(port).buildAsync();
        client.connect().join();
        for (String filter : List.of("rt/" + run + "/#", "other", "other/errors")) {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).callback(received::add).send().join();
        }
    }

    @AfterEach
    void disconnect() {
        client.disconnect().join();
    }

    @Test
    void replyGoesToReplyToWithTheCorrelationIdCopiedIntoIt() {
        String replyTo = "rt/" + run + "/inbox";
        send("{\"talk\":\"hi\",\"name\":\"v3\",\"id\":\"" + run + "-a\",\"replyTo\":\"" + replyTo
                + "\",\"correlationId\":{\"n\":7,\"tag\":\"x\"}}");
        send("{\"talk\":\"hi\",\"name\":\"v3\",\"id\":\"" + run + "-plain\"}");

        await().atMost(TIMEOUT).until(() -> idsOn("other").contains(run + "-plain") && !on(replyTo).isEmpty());
        JsonNode reply = on(replyTo).get(0);
        assertThat(reply.path("id").asText()).isEqualTo(run + "-a");
        assertThat(reply.path("reply").asText()).isEqualTo("Hello v3, you said: hi");
        assertThat(reply.get("correlationId")).isEqualTo(Json.parse(Json.bytes("{\"n\":7,\"tag\":\"x\"}")));
        assertThat(idsOn("other")).as("nothing for the replyTo request on the channel topic").doesNotContain(run + "-a");
        assertThat(onTopic("other").stream().filter(r -> r.path("id").asText().equals(run + "-plain")).findFirst()
                .orElseThrow().has("correlationId")).as("no correlationId where the request had none").isFalse();
    }

    @Test
    void replyToWithoutCorrelationIdStillRoutesTheReply() {
        String replyTo = "rt/" + run + "/bare";
        send("{\"talk\":\"hi\",\"name\":\"v3\",\"id\":\"" + run + "-bare\",\"replyTo\":\"" + replyTo + "\"}");

        await().atMost(TIMEOUT).until(() -> !on(replyTo).isEmpty());
        assertThat(on(replyTo).get(0).path("id").asText()).isEqualTo(run + "-bare");
        assertThat(on(replyTo).get(0).has("correlationId")).isFalse();
    }

    @Test
    void anMqtt5RequesterWithoutResponseTopicMayUseReplyToToo() {
        String replyTo = "rt/" + run + "/v5";
        Mqtt5AsyncClient v5 = MqttClient.builder().useMqttVersion5().identifier("reply-to-v5-" + run)
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        v5.connect().join();
        try {
            v5.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(Json.bytes("{\"talk\":\"hi\",\"name\":\"v5\","
                    + "\"id\":\"" + run + "-v5\",\"replyTo\":\"" + replyTo + "\",\"correlationId\":\"c-1\"}")).send().join();

            await().atMost(TIMEOUT).until(() -> !on(replyTo).isEmpty());
            assertThat(on(replyTo).get(0).path("correlationId").asText()).isEqualTo("c-1");
        } finally {
            v5.disconnect().join();
        }
    }

    @ParameterizedTest(name = "replyTo {0}")
    @ValueSource(strings = {
            "\"rt/RUN/+\"", // wildcards are not topic names [MQTT-3.3.2-2]
            "\"rt/RUN/#\"",
            "\"\"", // [MQTT-4.7.3-1]
            "42",
            "[\"rt/RUN/x\"]",
            "\"$SYS/RUN\"",
            "\"test\"", // the request topic: the reply would come back as a request
    })
    void anInvalidReplyToIsDeadLetteredAndNeverPublishedTo(String replyToJson) {
        String replyTo = replyToJson.replace("RUN", run);
        send("{\"talk\":\"hi\",\"name\":\"v3\",\"id\":\"" + run + "-bad\",\"replyTo\":" + replyTo + "}");
        // Requests are handled in order: once this one is answered, the bad one was decided.
        send("{\"talk\":\"hi\",\"name\":\"v3\",\"id\":\"" + run + "-next\"}");

        await().atMost(TIMEOUT).until(() -> idsOn("other").contains(run + "-next")
                && onTopic("other/errors").stream().anyMatch(letter -> letter.path("payload").asText().contains(run + "-bad")));
        JsonNode letter = onTopic("other/errors").stream()
                .filter(l -> l.path("payload").asText().contains(run + "-bad")).findFirst().orElseThrow();
        assertThat(letter.path("reason").asText()).isEqualTo("bad_reply_to");
        assertThat(letter.path("error").asText()).startsWith("bad_reply_to: replyTo");
        assertThat(received).as("no reply anywhere for the rejected request").noneMatch(publish ->
                !publish.getTopic().toString().equals("other/errors")
                        && Json.parse(publish.getPayloadAsBytes()).path("id").asText().equals(run + "-bad"));
    }

    void send(String json) {
        client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(Json.bytes(json)).send().join();
    }

    List<JsonNode> on(String topic) {
        return onTopic(topic);
    }

    List<JsonNode> onTopic(String topic) {
        return received.stream().filter(p -> p.getTopic().toString().equals(topic))
                .map(p -> Json.parse(p.getPayloadAsBytes())).toList();
    }

    List<String> idsOn(String topic) {
        return onTopic(topic).stream().map(json -> json.path("id").asText()).toList();
    }
}
