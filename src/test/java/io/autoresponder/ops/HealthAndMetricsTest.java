package io.autoresponder.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.HealthPaths;
import io.autoresponder.support.Json;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.Replies;
import io.autoresponder.support.brokers.FreeBrokerPort;

/** The operations endpoints over HTTP: liveness, readiness and Prometheus metrics. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class HealthAndMetricsTest {

    // The broker the responder talks to: the embedded one (this key follows autoresponder.broker.port) or an
    // external one (the *OnMosquittoTest subclasses).
    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'event-loops' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'event-loops' }.data.loops", org.hamcrest.Matchers.greaterThan(0));
    }

    // The Helm chart's startup, liveness and readiness probes use these paths (HelmChartTest).
    @ParameterizedTest
    @ValueSource(strings = { HealthPaths.STARTED, HealthPaths.LIVE, HealthPaths.READY })
    void everyPathTheKubernetesProbesUseAnswersUp(String path) {
        given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessCoversTheBrokerAndEveryChannel() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("embedded-mqtt-broker"))
                .body("checks.find { it.name == 'embedded-mqtt-broker' }.data.listening", equalTo(true))
                .body("checks.find { it.name == 'embedded-mqtt-broker' }.data.port", equalTo(port))
                .body("checks.find { it.name.contains('Messaging') }.data.test", equalTo("[OK]"))
                .body("checks.find { it.name.contains('Messaging') }.data.other", equalTo("[OK]"));
    }

    @Test
    void aRequestAndItsReplyAreCountedAndTimed() throws Exception {
        double received = PrometheusText.sample("autoresponder_requests_received_total{channel=\"test\"}");
        double sent = PrometheusText.sample("autoresponder_replies_sent_total{channel=\"other\"}");
        double timed = PrometheusText.sample("autoresponder_handling_time_seconds_count{channel=\"test\"}");

        requestAndAwaitReply();

        assertThat(PrometheusText.sample("autoresponder_requests_received_total{channel=\"test\"}"))
                .isGreaterThanOrEqualTo(received + 1);
        assertThat(PrometheusText.sample("autoresponder_replies_sent_total{channel=\"other\"}"))
                .isGreaterThanOrEqualTo(sent + 1);
        assertThat(PrometheusText.sample("autoresponder_handling_time_seconds_count{channel=\"test\"}"))
                .isGreaterThanOrEqualTo(timed + 1);
    }

    private void requestAndAwaitReply() throws InterruptedException {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();
            String id = UUID.randomUUID().toString();
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Json.bytes("{\"talk\":\"t\",\"name\":\"n\",\"id\":\"" + id + "\"}")).send();
            Replies.replyWithId(received, id);
            assertBrokerMetricsWhileAClientIsConnected();
        } finally {
            client.disconnect();
        }
    }

    /** The embedded broker counts this test's client among its connections. */
    void assertBrokerMetricsWhileAClientIsConnected() {
        assertThat(PrometheusText.sample("autoresponder_broker_connections")).as("this client's connection")
                .isGreaterThanOrEqualTo(1);
    }
}
