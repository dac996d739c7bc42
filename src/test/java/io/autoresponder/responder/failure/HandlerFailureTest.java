package io.autoresponder.responder.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Json;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.Replies;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * A request whose handler fails (throws, or its Uni fails; on the event loop or a worker) or whose reply cannot be
 * sent is acknowledged, dead-lettered with the reason and a copy, counted, and the next request is answered.
 */
@QuarkusTest
@TestProfile(FailingHandlersProfile.class)
@WithTestResource(FreeBrokerPort.class)
class HandlerFailureTest {

    private static final String DEAD_LETTER_TOPIC = "other/errors";

    // The broker the responder talks to: the embedded one (this key follows autoresponder.broker.port) or an
    // external one (HandlerFailureOnMqttConnectorTest).
    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    private Mqtt5BlockingClient client;
    private Mqtt5BlockingClient.Mqtt5Publishes received;

    @BeforeEach
    void connect() {
        client = Mqtt.v5(port);
        received = client.publishes(MqttGlobalPublishFilter.ALL);
        client.subscribeWith().topicFilter(FailingHandlersProfile.REPLY_TOPIC).qos(MqttQos.AT_LEAST_ONCE).send();
        client.subscribeWith().topicFilter(DEAD_LETTER_TOPIC).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void disconnect() {
        received.close();
        client.disconnect();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "sync, handler_failed, java.lang.IllegalStateException: no stock for item boom",
            "uni, handler_failed, java.lang.IllegalStateException: no stock for item boom",
            "blocking, handler_failed, java.lang.IllegalStateException: no stock for item boom",
            "reply, reply_not_sent, reply on channel 'fail-replies' not sent: "})
    void aFailedRequestIsAcknowledgedDeadLetteredAndCounted(String shape, String reason, String error) throws Exception {
        String channel = "fail-" + shape;
        double before = deadLettered(channel, reason);
        String marker = UUID.randomUUID().toString();
        String request = "{\"item\":\"boom\",\"marker\":\"" + marker + "\"}";

        publishAndAwaitPubAck("fail/" + shape, request);

        JsonNode letter = Replies.await(received, DEAD_LETTER_TOPIC, json -> json.path("payload").asText().contains(marker));
        assertThat(letter.path("reason").asText()).isEqualTo(reason);
        assertThat(letter.path("error").asText()).startsWith(reason + ": " + error);
        assertThat(letter.path("channel").asText()).isEqualTo(channel);
        assertThat(letter.path("topic").asText()).isEqualTo("fail/" + shape);
        assertThat(letter.path("payload").asText()).isEqualTo(request);
        assertThat(deadLettered(channel, reason)).isEqualTo(before + 1);
        assertNextRequestIsAnswered(shape);
    }

    /**
     * MQTT 5.0 section 3.4: the embedded broker sends the PUBACK once the in-process subscriber handled the
     * request; its reason code 0x83 tells an MQTT 5 publisher that the subscriber failed (the packet identifier
     * is released all the same).
     */
    protected void publishAndAwaitPubAck(String topic, String request) {
        Mqtt5PubAckException refused = catchThrowableOfType(Mqtt5PubAckException.class, () -> client.publishWith()
                .topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(Json.bytes(request)).send());

        assertThat(refused).as("PUBACK with an error code").isNotNull();
        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
    }

    protected Mqtt5BlockingClient client() {
        return client;
    }

    private void assertNextRequestIsAnswered(String shape) throws InterruptedException {
        String item = UUID.randomUUID().toString();
        client.publishWith().topic("fail/" + shape).qos(MqttQos.AT_LEAST_ONCE)
                .payload(Json.bytes("{\"item\":\"" + item + "\"}")).send();
        JsonNode reply = Replies.await(received, FailingHandlersProfile.REPLY_TOPIC,
                json -> item.equals(json.path("item").asText()));
        assertThat(reply.path("by").asText()).isEqualTo(shape);
    }

    private static double deadLettered(String channel, String reason) {
        return PrometheusText.sample(
                "autoresponder_payloads_rejected_total{channel=\"" + channel + "\",reason=\"" + reason + "\"}");
    }
}
