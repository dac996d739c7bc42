package io.autoresponder.rules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Json;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * Rules from a YAML file answer over MQTT through the same pipeline as handlers (dead letters, acknowledgement after
 * the replies, metrics), on the embedded broker; {@link RulesOnMqttConnectorTest} runs the same on Mosquitto.
 */
@QuarkusTest
@TestProfile(RulesProfile.class)
@WithTestResource(FreeBrokerPort.class)
class RulesOverMqttTest {

    // The broker the responder talks to: the embedded one (this key follows autoresponder.broker.port) or an
    // external one (RulesOnMqttConnectorTest).
    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    @ConfigProperty(name = "autoresponder.rules.file")
    Path rulesFile;

    private Mqtt5BlockingClient client;
    private Mqtt5BlockingClient.Mqtt5Publishes received;

    @BeforeEach
    void connect() {
        client = Mqtt.v5(port);
        received = client.publishes(MqttGlobalPublishFilter.ALL);
        for (String filter : new String[] {"devices/+/state", "alerts/#", "audit", "other/errors", "rules/replies",
                "hello/replies"}) {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        }
    }

    @AfterEach
    void disconnect() throws Exception {
        received.close();
        client.disconnect();
        if (!Files.readString(rulesFile).equals(RulesProfile.INITIAL)) {
            Files.writeString(rulesFile, RulesProfile.INITIAL);
            awaitRulesLoaded(RulesProfile.INITIAL.split("- name: ", -1).length - 1);
        }
    }

    @Test
    void aRuleAnswersOnItsTopicWithTopicLevelsRequestFieldsAndUserProperties() throws Exception {
        String device = "lamp-" + UUID.randomUUID();

        publish("devices/" + device + "/get", "{\"set\":\"on\"}");

        Mqtt5Publish reply = next(topic("devices/" + device + "/state"));
        JsonNode json = Json.parse(reply.getPayloadAsBytes());
        assertThat(json.path("device").asText()).isEqualTo(device);
        assertThat(json.path("power").asText()).isEqualTo("on");
        assertThat(json.path("answered").isNumber()).as("a single placeholder keeps its JSON type").isTrue();
        assertThat(reply.getUserProperties().asList()).anySatisfy(property -> {
            assertThat(property.getName().toString()).isEqualTo("rule");
            assertThat(property.getValue().toString()).isEqualTo("lamp-state");
        });
    }

    @Test
    void theFirstRuleThatMatchesAnswersAndNoOther() throws Exception {
        String device = "fan-" + UUID.randomUUID();

        publish("devices/" + device + "/get", "{}");

        JsonNode reply = Json.parse(next(topic("devices/" + device + "/state")).getPayloadAsBytes());
        assertThat(reply.path("power").asText()).isEqualTo("unknown");
    }

    // MQTT 5.0 section 4.10: the response topic wins over the rule's topic, with the request's correlation data.
    @Test
    void theResponseTopicAndCorrelationDataOfTheRequestWin() throws Exception {
        String inbox = "clients/" + UUID.randomUUID() + "/inbox";
        client.subscribeWith().topicFilter(inbox).qos(MqttQos.AT_LEAST_ONCE).send();

        client.publishWith().topic("ping").qos(MqttQos.AT_LEAST_ONCE).responseTopic(inbox)
                .correlationData("c-42".getBytes(StandardCharsets.UTF_8)).payload(Json.bytes("{\"seq\":7}")).send();

        Mqtt5Publish reply = next(topic(inbox));
        assertThat(new String(reply.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("pong 7");
        assertThat(reply.getCorrelationData()).hasValueSatisfying(
                data -> assertThat(StandardCharsets.UTF_8.decode(data).toString()).isEqualTo("c-42"));
    }

    @Test
    void severalRepliesGoOutInOrderTheDelayedOneAfterItsDelay() throws Exception {
        String sensor = "boiler-" + UUID.randomUUID();
        long sent = System.nanoTime();

        publish("sensors/" + sensor + "/reading", "{\"celsius\":91.5}");

        Mqtt5Publish alert = next(topic("alerts/high").and(p -> text(p).contains(sensor)));
        Mqtt5Publish audit = next(topic("audit").and(p -> text(p).contains(sensor)));
        long auditAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertThat(Json.parse(alert.getPayloadAsBytes()).path("celsius").decimalValue()).isEqualByComparingTo("91.5");
        assertThat(alert.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        assertThat(auditAfterMillis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aRequestNoRuleMatchesIsAcknowledgedAndNotAnswered() throws Exception {
        String cold = "cold-" + UUID.randomUUID();
        String hot = "hot-" + UUID.randomUUID();
        double unmatchedBefore = PrometheusText.sample("autoresponder_rule_unmatched_total");

        publish("sensors/" + cold + "/reading", "{\"celsius\":20}"); // QoS 1: returns with the PUBACK
        publish("sensors/" + hot + "/reading", "{\"celsius\":95}");

        assertThat(text(next(topic("alerts/high")))).contains(hot);
        assertThat(PrometheusText.sample("autoresponder_rule_unmatched_total")).isEqualTo(unmatchedBefore + 1);
    }

    @Test
    void aRequestThatIsNotJsonIsDeadLettered() throws Exception {
        String marker = "not json " + UUID.randomUUID();

        publish("ping", marker);

        JsonNode letter = Json.parse(next(topic("other/errors").and(p -> text(p).contains(marker))).getPayloadAsBytes());
        assertThat(letter.path("reason").asText()).isEqualTo("not_json");
        assertThat(letter.path("channel").asText()).isEqualTo("rules");
    }

    @Test
    void aPlaceholderTheRequestCannotFillDeadLettersTheRequestNamingTheRule() throws Exception {
        String marker = UUID.randomUUID().toString();

        // The embedded broker tells an MQTT 5 publisher with PUBACK 0x83 that the request failed; Mosquitto does not.
        try {
            publish("strict", "{\"other\":\"" + marker + "\"}");
        } catch (Mqtt5PubAckException refused) {
            assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
        }

        JsonNode letter = Json.parse(next(topic("other/errors").and(p -> text(p).contains(marker))).getPayloadAsBytes());
        assertThat(letter.path("reason").asText()).isEqualTo("handler_failed");
        assertThat(letter.path("error").asText()).contains("rule 'strict'").contains("rules.yaml:");
    }

    @Test
    void aRulesReplyThatMatchesARuleIsNotAnsweredAgain() throws Exception {
        double loopsBefore = PrometheusText.sample("autoresponder_rule_loops_total{rule=\"looping\"}");
        client.subscribeWith().topicFilter("loop/back").qos(MqttQos.AT_LEAST_ONCE).send();

        publish("loop/start", "{}");
        Mqtt5Publish reply = next(topic("loop/back"));
        publish("ping", "{\"seq\":99}");

        assertThat(reply.getUserProperties().asList()).anySatisfy(property -> {
            assertThat(property.getName().toString()).isEqualTo(RulesResponder.ANSWERED_BY);
            assertThat(property.getValue().toString()).isEqualTo("looping");
        });
        Mqtt5Publish following = next(topic("loop/back").or(topic("rules/replies")));
        assertThat(text(following)).as("the reply on loop/back was not answered again").isEqualTo("pong 99");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                PrometheusText.sample("autoresponder_rule_loops_total{rule=\"looping\"}")).isEqualTo(loopsBefore + 1));
    }

    @Test
    void matchesAreCountedPerRule() throws Exception {
        double before = PrometheusText.sample("autoresponder_rule_matches_total{rule=\"device-read\"}");
        String device = "meter-" + UUID.randomUUID();

        publish("devices/" + device + "/get", "{}");
        next(topic("devices/" + device + "/state"));

        assertThat(PrometheusText.sample("autoresponder_rule_matches_total{rule=\"device-read\"}")).isEqualTo(before + 1);
    }

    @Test
    void anEditedFileIsSwappedInWithItsTopicsAndABrokenOneKeepsTheRulesInForce() throws Exception {
        Files.writeString(rulesFile, """
                rules:
                  - name: hello
                    topic: hello/+/in
                    reply:
                      topic: hello/replies
                      payload: {hello: "{levels.1}"}
                """);
        awaitRulesLoaded(1);

        String name = "n-" + UUID.randomUUID();
        publish("ping", "{\"seq\":1}"); // its rule is gone and so is the subscription: no reply
        publish("hello/" + name + "/in", "{}");
        Mqtt5Publish first = next(topic("hello/replies").or(topic("rules/replies")));
        assertThat(text(first)).contains(name);

        Files.writeString(rulesFile, """
                rules:
                  - name: hello
                    topic: hello/+/in
                    reply:
                      qos: 9
                      payload: {}
                """);
        await("the refused change reported").atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                .get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'autoresponder-rules' }.data.'problem.0'",
                        startsWith(rulesFile + ":5:12: qos must be 0, 1 or 2, not 9")));

        String again = "m-" + UUID.randomUUID();
        publish("hello/" + again + "/in", "{}");
        assertThat(text(next(topic("hello/replies")))).contains(again);
        given().get("/q/health/ready").then().body("checks.name", hasItem("autoresponder-rules"));
    }

    private void awaitRulesLoaded(int rules) {
        await("rules reloaded").atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'autoresponder-rules' }.data.rules", org.hamcrest.Matchers.is(rules)));
    }

    private void publish(String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    private Mqtt5Publish next(Predicate<Mqtt5Publish> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<Mqtt5Publish> publish = received.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (publish.isPresent() && wanted.test(publish.get())) {
                return publish.get();
            }
        }
        throw new AssertionError("no matching message within 10 s");
    }

    private static Predicate<Mqtt5Publish> topic(String topic) {
        return publish -> publish.getTopic().toString().equals(topic);
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
