package io.autoresponder.examples.devicemock;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.autoresponder.testing.EmbeddedBrokerPort;
import io.autoresponder.testing.MqttTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The device mock over real MQTT against the embedded broker this application brings with the dependency. */
@QuarkusTest
@WithTestResource(EmbeddedBrokerPort.class)
class DeviceMockTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    private Mqtt5BlockingClient client;
    private Mqtt5BlockingClient.Mqtt5Publishes replies;
    private String inbox;

    @BeforeEach
    void connect() {
        client = MqttClient.builder().useMqttVersion5().identifier("test-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connect();
        replies = client.publishes(MqttGlobalPublishFilter.ALL);
        inbox = "clients/" + UUID.randomUUID() + "/inbox";
        client.subscribeWith().topicFilter(inbox).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void disconnect() {
        replies.close();
        client.disconnect();
    }

    // MQTT 5.0 section 4.10: the reply goes to the response topic with the request's correlation data.
    @Test
    void answersOnTheResponseTopicWithTheCorrelationData() throws Exception {
        String device = "lamp-" + UUID.randomUUID();

        Mqtt5Publish reply = request(device, "{}", "c-1");

        assertThat(reply.getTopic().toString()).isEqualTo(inbox);
        assertThat(reply.getCorrelationData()).hasValueSatisfying(
                data -> assertThat(StandardCharsets.UTF_8.decode(data).toString()).isEqualTo("c-1"));
        assertThat(text(reply)).contains("\"device\":\"" + device + "\"").contains("\"power\":\"off\"")
                .contains("\"requests\":1");
    }

    // The same with autoresponder's test helper: it brings its own response topic and correlation data.
    @Test
    void theTestHelperGetsTheReplyToItsRequest() {
        String device = "heater-" + UUID.randomUUID();
        try (MqttTestClient helper = MqttTestClient.connect()) {
            helper.request("devices/" + device + "/get", "{\"set\":\"on\"}");
            MqttTestClient.Reply reply = helper.request("devices/" + device + "/get", "{}");

            assertThat(reply.text()).contains("\"power\":\"on\"").contains("\"requests\":2");
        }
    }

    @Test
    void keepsStatePerDeviceTakenFromTheTopic() throws Exception {
        String lamp = "lamp-" + UUID.randomUUID();
        String fan = "fan-" + UUID.randomUUID();

        request(lamp, "{\"set\":\"on\"}", "1");
        Mqtt5Publish lampAgain = request(lamp, "{}", "2");
        Mqtt5Publish fanFirst = request(fan, "{}", "3");

        assertThat(text(lampAgain)).contains("\"power\":\"on\"").contains("\"requests\":2");
        assertThat(text(fanFirst)).contains("\"power\":\"off\"").contains("\"requests\":1");
    }

    @Test
    void aRequestWithoutResponseTopicIsAnsweredOnTheDevicesStateTopic() throws Exception {
        String device = "plug-" + UUID.randomUUID();
        client.subscribeWith().topicFilter("devices/" + device + "/state").qos(MqttQos.AT_LEAST_ONCE).send();

        client.publishWith().topic("devices/" + device + "/get").qos(MqttQos.AT_LEAST_ONCE)
                .payload("{}".getBytes(StandardCharsets.UTF_8)).send();

        Optional<Mqtt5Publish> reply = replies.receive(10, TimeUnit.SECONDS);
        assertThat(reply).isPresent();
        assertThat(reply.get().getTopic().toString()).isEqualTo("devices/" + device + "/state");
    }

    @Test
    void healthAndMetricsCoverThisApplicationsChannels() throws Exception {
        request("meter-" + UUID.randomUUID(), "{}", "m");

        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.keySet()",
                        containsInAnyOrder("device-get", "device-state", "dead-letter")); // no built-in test/other, no rules
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("autoresponder_requests_received_total{channel=\"device-get\"}"));
    }

    private Mqtt5Publish request(String device, String json, String correlation) throws InterruptedException {
        client.publishWith().topic("devices/" + device + "/get").qos(MqttQos.AT_LEAST_ONCE).responseTopic(inbox)
                .correlationData(correlation.getBytes(StandardCharsets.UTF_8))
                .payload(json.getBytes(StandardCharsets.UTF_8)).send();
        Optional<Mqtt5Publish> reply = replies.receive(10, TimeUnit.SECONDS);
        assertThat(reply).as("reply to %s", correlation).isPresent();
        return reply.get();
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
