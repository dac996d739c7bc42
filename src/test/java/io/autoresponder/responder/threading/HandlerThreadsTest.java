package io.autoresponder.responder.threading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Json;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Replies;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * Where a handler runs, by its shape: what docs/writing-handlers.md "Threads" promises. Virtual threads need
 * Java 21 or later; on Java 17 Quarkus runs {@code @RunOnVirtualThread} handlers on worker threads.
 */
@QuarkusTest
@TestProfile(ThreadingProfile.class)
@WithTestResource(FreeBrokerPort.class)
class HandlerThreadsTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    private Mqtt5BlockingClient client;
    private Mqtt5BlockingClient.Mqtt5Publishes received;

    @BeforeEach
    void connect() {
        client = Mqtt.v5(port);
        received = client.publishes(MqttGlobalPublishFilter.ALL);
        client.subscribeWith().topicFilter(ThreadingProfile.REPLY_TOPIC).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void disconnect() {
        received.close();
        client.disconnect();
    }

    @Test
    void aMethodWithASynchronousSignatureRunsOnAWorkerThread() throws Exception {
        assertThat(ranOn("plain").path("thread").asText()).startsWith("executor-thread-");
    }

    @Test
    void nonBlockingRunsOnTheEventLoop() throws Exception {
        assertThat(ranOn("nonblocking").path("thread").asText()).startsWith("vert.x-eventloop-thread-");
    }

    @Test
    void blockingRunsOnAWorkerThread() throws Exception {
        assertThat(ranOn("blocking").path("thread").asText()).startsWith("executor-thread-");
    }

    @Test
    void unorderedBlockingTakesTheNextRequestWhileOneIsStillRunning() throws Exception {
        String first = "wait-" + UUID.randomUUID();
        // Not the blocking publish: the embedded broker sends the PUBACK once the handler is done with it.
        client.toAsync().publishWith().topic("thread/unordered").qos(MqttQos.AT_LEAST_ONCE)
                .payload(Json.bytes("{\"id\":\"" + first + "\"}")).send();

        JsonNode second = ranOn("unordered");
        JsonNode firstReply = Replies.await(received, ThreadingProfile.REPLY_TOPIC,
                json -> first.equals(json.path("id").asText()));

        assertThat(second.path("thread").asText()).startsWith("executor-thread-");
        assertThat(firstReply.path("shape").asText()).isEqualTo("unordered");
    }

    @Test
    void aMethodReturningUniRunsOnTheEventLoop() throws Exception {
        assertThat(ranOn("uni").path("thread").asText()).startsWith("vert.x-eventloop-thread-");
    }

    @Test
    void runOnVirtualThreadRunsOnAVirtualThreadFromJava21() throws Exception {
        JsonNode reply = ranOn("virtual");

        if (Runtime.version().feature() >= 21) {
            assertThat(reply.path("virtual").asBoolean()).as("virtual thread, on Java %s", Runtime.version()).isTrue();
        } else {
            assertThat(reply.path("thread").asText()).startsWith("executor-thread-");
        }
    }

    private JsonNode ranOn(String shape) throws InterruptedException {
        String id = UUID.randomUUID().toString();
        publish(shape, id);
        JsonNode reply = Replies.await(received, ThreadingProfile.REPLY_TOPIC, json -> id.equals(json.path("id").asText()));
        assertThat(reply.path("shape").asText()).isEqualTo(shape);
        return reply;
    }

    private void publish(String shape, String id) {
        client.publishWith().topic("thread/" + shape).qos(MqttQos.AT_LEAST_ONCE)
                .payload(Json.bytes("{\"id\":\"" + id + "\"}")).send();
    }
}
