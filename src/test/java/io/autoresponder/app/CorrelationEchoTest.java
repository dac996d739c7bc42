package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Json;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Replies;
import io.autoresponder.support.brokers.FreeBrokerPort;

/** Clients correlate replies by {@code seq} and {@code id}: both come back unchanged, whatever JSON they are. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class CorrelationEchoTest {

    // The broker the responder talks to: the embedded one (this key follows autoresponder.broker.port) or an
    // external one (the *OnMosquittoTest subclasses).
    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    private Mqtt5BlockingClient client;
    private Mqtt5BlockingClient.Mqtt5Publishes received;

    @BeforeEach
    void connect() {
        client = Mqtt.v5(port);
        received = client.publishes(MqttGlobalPublishFilter.ALL);
        client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void disconnect() {
        received.close();
        client.disconnect();
    }

    @ParameterizedTest(name = "seq {0}")
    @ValueSource(strings = { "0", "42", "-7", "12345678901234567890123", "\"a-string\"", "{\"n\":1,\"p\":[1,2]}",
            "[1,\"two\"]", "true" })
    void seqIsEchoedUnchanged(String seqJson) throws Exception {
        String id = UUID.randomUUID().toString();

        JsonNode reply = request("{\"talk\":\"t\",\"name\":\"n\",\"id\":\"" + id + "\",\"seq\":" + seqJson + "}", id);

        assertThat(reply.get("seq")).isEqualTo(Json.parse(Json.bytes(seqJson)));
    }

    @Test
    void numericIdIsEchoedAsANumber() throws Exception {
        long id = System.nanoTime();
        client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE)
                .payload(Json.bytes("{\"talk\":\"t\",\"name\":\"n\",\"id\":" + id + "}")).send();

        JsonNode reply = Replies.await(received, "other", json -> json.path("id").isNumber() && json.path("id").asLong() == id);

        assertThat(reply.get("id").isIntegralNumber()).isTrue();
    }

    @Test
    void absentSeqStaysAbsent() throws Exception {
        String id = UUID.randomUUID().toString();

        JsonNode reply = request("{\"talk\":\"t\",\"name\":\"n\",\"id\":\"" + id + "\"}", id);

        assertThat(reply.has("seq")).isFalse();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        String id = UUID.randomUUID().toString();

        JsonNode reply = request("{\"talk\":\"t\",\"name\":\"n\",\"id\":\"" + id + "\",\"extra\":{\"deep\":[1]}}", id);

        assertThat(reply.path("talk").asText()).isEqualTo("t");
    }

    private JsonNode request(String json, String id) throws InterruptedException {
        client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(Json.bytes(json)).send();
        return Replies.replyWithId(received, id);
    }
}
