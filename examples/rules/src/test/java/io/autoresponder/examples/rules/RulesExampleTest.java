package io.autoresponder.examples.rules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.autoresponder.testing.EmbeddedBrokerPort;
import io.autoresponder.testing.MqttTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The rules in ./rules, over real MQTT against the embedded broker: no Java handler in this application. */
@QuarkusTest
@WithTestResource(EmbeddedBrokerPort.class)
class RulesExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    private Mqtt5BlockingClient client;
    private Mqtt5BlockingClient.Mqtt5Publishes received;

    @BeforeEach
    void connect() {
        client = MqttClient.builder().useMqttVersion5().identifier("test-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connect();
        received = client.publishes(MqttGlobalPublishFilter.ALL);
        for (String filter : new String[] {"devices/+/state", "health/+/status", "orders/#", "audit/#"}) {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        }
    }

    @AfterEach
    void disconnect() {
        received.close();
        client.disconnect();
    }

    @Test
    void aPlugAnswersItsStateOnItsOwnTopicCountingRequests() throws Exception {
        String plug = "plug-" + UUID.randomUUID();

        publish("devices/" + plug + "/get", "{}");
        JsonNode first = json(next(topic("devices/" + plug + "/state")));
        publish("devices/" + plug + "/get", "{}");
        JsonNode second = json(next(topic("devices/" + plug + "/state")));

        assertThat(first.path("device").asText()).isEqualTo(plug);
        assertThat(first.path("power").asText()).isEqualTo("off");
        assertThat(second.path("requests").asLong()).isEqualTo(first.path("requests").asLong() + 1);
    }

    @Test
    void settingAPlugAnswersTheNewStateRetainedAndRefusesUnknownValues() throws Exception {
        String plug = "plug-" + UUID.randomUUID();

        publish("devices/" + plug + "/set", "{\"power\":\"dim\"}"); // no rule matches: no answer
        publish("devices/" + plug + "/set", "{\"power\":\"on\"}");

        Mqtt5Publish reply = next(topic("devices/" + plug + "/state"));
        assertThat(json(reply).path("power").asText()).isEqualTo("on");

        // MQTT 5.0 section 3.3.1.3: retained, so a subscriber that comes later gets it at once, retain flag set.
        Mqtt5BlockingClient later = MqttClient.builder().useMqttVersion5().identifier("later-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        later.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes retained = later.publishes(MqttGlobalPublishFilter.ALL)) {
            later.subscribeWith().topicFilter("devices/" + plug + "/state").qos(MqttQos.AT_LEAST_ONCE).send();
            Optional<Mqtt5Publish> state = retained.receive(10, TimeUnit.SECONDS);
            assertThat(state).hasValueSatisfying(publish -> assertThat(publish.isRetain()).isTrue());
            assertThat(json(state.get()).path("power").asText()).isEqualTo("on");
        } finally {
            later.disconnect();
        }
    }

    // MQTT 5.0 section 4.10: the response topic and correlation data of the request win over the rule's topic.
    @Test
    void anMqtt5RequesterGetsThePlugStateOnItsResponseTopic() {
        try (MqttTestClient requester = MqttTestClient.connect()) {
            MqttTestClient.Reply reply = requester.request("devices/lamp-1/get", "{}");

            assertThat(reply.text()).contains("\"device\":\"lamp-1\"").contains("\"firmware\":\"2.4.1\"");
        }
    }

    @Test
    void pingIsAnsweredWithPongAsText() {
        try (MqttTestClient requester = MqttTestClient.connect()) {
            assertThat(requester.request("ping", "{}").text()).isEqualTo("pong");
        }
    }

    @Test
    void aHealthCheckIsAnsweredPerServiceWithADefaultForAMissingField() throws Exception {
        publish("health/billing/check", "{}");
        publish("health/search/check", "{\"probe\":\"k8s\"}");

        JsonNode billing = json(next(topic("health/billing/status")));
        JsonNode search = json(next(topic("health/search/status")));
        assertThat(billing.path("status").asText()).isEqualTo("UP");
        assertThat(billing.path("probe").asText()).isEqualTo("none");
        assertThat(search.path("probe").asText()).isEqualTo("k8s");
    }

    @Test
    void aLargeOrderGoesToReviewWithAnAuditCopyEvenFromTheEu() throws Exception {
        String id = "o-" + UUID.randomUUID();

        publish("orders/new", "{\"id\":\"" + id + "\",\"amount\":2500,\"customer\":{\"country\":\"DE\"}}");

        Mqtt5Publish review = next(topic("orders/review"));
        Mqtt5Publish audit = next(topic("audit/orders"));
        assertThat(json(review).path("order").asText()).isEqualTo(id);
        assertThat(json(review).path("amount").asInt()).isEqualTo(2500);
        assertThat(review.getUserProperties().asList()).anySatisfy(
                property -> assertThat(property.getName() + "=" + property.getValue()).isEqualTo("reason=amount"));
        assertThat(json(audit).path("routed").asText()).isEqualTo("review");
    }

    @Test
    void aSmallEuOrderGoesToTheEuDeskAndAnyOtherIsAccepted() throws Exception {
        String eu = "o-" + UUID.randomUUID();
        String us = "o-" + UUID.randomUUID();

        publish("orders/new", "{\"id\":\"" + eu + "\",\"amount\":20,\"customer\":{\"country\":\"FR\"}}");
        publish("orders/new", "{\"id\":\"" + us + "\",\"amount\":20,\"customer\":{\"country\":\"US\"}}");

        Mqtt5Publish first = next(topic("orders/eu").or(topic("orders/accepted")));
        Mqtt5Publish second = next(topic("orders/eu").or(topic("orders/accepted")));
        assertThat(first.getTopic().toString()).isEqualTo("orders/eu");
        assertThat(json(first).path("order").asText()).isEqualTo(eu);
        assertThat(second.getTopic().toString()).isEqualTo("orders/accepted");
        assertThat(json(second).path("order").asText()).isEqualTo(us);
    }

    @Test
    void healthShowsTheLoadedRulesAndMetricsCountMatchesPerRule() throws Exception {
        publish("ping", "{}");

        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'autoresponder-rules' }.data.rules", equalTo(7));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("autoresponder_rule_matches_total{rule=\"ping\"}");
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

    private static JsonNode json(Mqtt5Publish publish) throws Exception {
        return JSON.readTree(publish.getPayloadAsBytes());
    }
}
