package io.autoresponder.responder;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.HealthPaths;
import io.autoresponder.support.LogCapture;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.fuzz.FuzzBudget;
import io.autoresponder.support.fuzz.FuzzProfile;
import io.autoresponder.support.fuzz.JsonPayloads;

/**
 * Generated request payloads ({@link JsonPayloads}) through the built-in responder over MQTT: every request is
 * answered exactly once, with a reply or a dead letter, the stream never stops, and nothing is logged at ERROR.
 * 2,000 payloads by default; a long run with {@code -Dfuzz.cases=N} (docs/fuzzing.md).
 */
@QuarkusTest
@TestProfile(FuzzProfile.class)
@WithTestResource(FreeBrokerPort.class)
class PayloadFuzzTest {

    private static final String RECEIVED = "autoresponder_requests_received_total{channel=\"test\"}";
    private static final int IN_FLIGHT = 256;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void everyPayloadGetsAReplyOrADeadLetterAndNothingLogsAnError() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(HealthPaths.READY).then().statusCode(200));
        FuzzBudget budget = FuzzBudget.of("request payloads", 2_000, Duration.ofSeconds(90));
        JsonPayloads payloads = new JsonPayloads(budget.seed());
        AtomicLong answers = new AtomicLong();
        double receivedBefore = PrometheusText.sample(RECEIVED);
        Mqtt5AsyncClient listener = Mqtt.v5(port).toAsync();
        // Replies go to "other", to a replyTo topic, or as dead letters to "other/errors": all but the requests,
        // and but retained messages other tests in this application left (the responder never retains).
        listener.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).callback(publish -> {
            if (!publish.getTopic().toString().equals("test") && !publish.isRetain()) {
                answers.incrementAndGet();
            }
        }).send().get();
        Mqtt5BlockingClient requester = Mqtt.v5(port);
        try (LogCapture errors = LogCapture.errors()) {
            while (budget.another()) {
                long outstanding = budget.done() - answers.get();
                if (outstanding >= IN_FLIGHT) {
                    Thread.sleep(1);
                    continue;
                }
                requester.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(payloads.next()).send();
                budget.ran();
            }
            long sent = budget.done();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(answers.get())
                    .as("replies and dead letters for %d requests", sent).isGreaterThanOrEqualTo(sent));
            Thread.sleep(500); // and no second answer to any of them
            assertThat(answers.get()).as("one answer per request").isEqualTo(sent);
            assertThat(PrometheusText.sample(RECEIVED) - receivedBefore).isEqualTo(sent);
            assertThat(errors.lines()).as("ERROR lines").isEmpty();
        } finally {
            budget.finish();
            requester.disconnect();
            listener.disconnect();
        }
    }
}
