package io.autoresponder.connector.tls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.restassured.path.json.JsonPath;

import io.autoresponder.support.HealthPaths;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Replies;

/** What the TLS tests do over and over: a request over TLS and its reply; readiness and why it is DOWN. */
final class TlsExchange {

    private TlsExchange() {
    }

    /** Publishes a request to {@code test} over TLS and returns the reply that came back on {@code other}. */
    static JsonNode requestAndReply(int port, MqttClientSslConfig tls) throws Exception {
        Mqtt5BlockingClient client = Mqtt.v5(port, tls);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();
            String id = UUID.randomUUID().toString();
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"talk\":\"over TLS\",\"name\":\"tls\",\"id\":\"" + id + "\"}")
                            .getBytes(StandardCharsets.UTF_8))
                    .send();
            JsonNode reply = Replies.replyWithId(publishes, id);
            assertThat(reply.path("reply").asText()).isEqualTo("Hello tls, you said: over TLS");
            return reply;
        } finally {
            client.disconnect();
        }
    }

    /** Waits until readiness is UP (the connector connected and subscribed). */
    static void awaitReady() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().when().get(HealthPaths.READY).then().statusCode(200));
    }

    /**
     * Waits until readiness reports the request channel {@code test} as not ready with a reason, and returns
     * that reason (the messaging check's data: {@code "[KO] - <reason>"}).
     */
    static String awaitNotReadyReason() {
        String[] reason = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath health = given().when().get(HealthPaths.READY).then().statusCode(503).extract().jsonPath();
            String test = health.getString("checks.find { it.name.contains('Messaging') }.data.test");
            assertThat(test).startsWith("[KO] - ");
            reason[0] = test;
        });
        return reason[0];
    }
}
