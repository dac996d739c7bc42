package io.autoresponder.responder.threading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Json;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.testing.MqttTestClient;

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

    private MqttTestClient client;
    private MqttTestClient.Subscription replies;

    @BeforeEach
    void connect() {
        client = MqttTestClient.connect(port);
        replies = client.subscribe(ThreadingProfile.REPLY_TOPIC);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void aMethodWithASynchronousSignatureRunsOnAWorkerThread() {
        assertThat(ranOn("plain").path("thread").asText()).startsWith("executor-thread-");
    }

    @Test
    void nonBlockingRunsOnTheEventLoop() {
        assertThat(ranOn("nonblocking").path("thread").asText()).startsWith("vert.x-eventloop-thread-");
    }

    @Test
    void blockingRunsOnAWorkerThread() {
        assertThat(ranOn("blocking").path("thread").asText()).startsWith("executor-thread-");
    }

    @Test
    void unorderedBlockingTakesTheNextRequestWhileOneIsStillRunning() {
        String first = "wait-" + UUID.randomUUID();
        // Not waiting for its PUBACK: the embedded broker sends it once the handler is done with the request.
        client.publishAsync("thread/unordered", "{\"id\":\"" + first + "\"}");

        JsonNode second = ranOn("unordered");
        JsonNode firstReply = reply(first);

        assertThat(second.path("thread").asText()).startsWith("executor-thread-");
        assertThat(firstReply.path("shape").asText()).isEqualTo("unordered");
    }

    @Test
    void aMethodReturningUniRunsOnTheEventLoop() {
        assertThat(ranOn("uni").path("thread").asText()).startsWith("vert.x-eventloop-thread-");
    }

    @Test
    void runOnVirtualThreadRunsOnAVirtualThreadFromJava21() {
        JsonNode reply = ranOn("virtual");

        if (Runtime.version().feature() >= 21) {
            assertThat(reply.path("virtual").asBoolean()).as("virtual thread, on Java %s", Runtime.version()).isTrue();
        } else {
            assertThat(reply.path("thread").asText()).startsWith("executor-thread-");
        }
    }

    private JsonNode ranOn(String shape) {
        String id = UUID.randomUUID().toString();
        client.publishAsync("thread/" + shape, "{\"id\":\"" + id + "\"}");
        JsonNode reply = reply(id);
        assertThat(reply.path("shape").asText()).isEqualTo(shape);
        return reply;
    }

    private JsonNode reply(String id) {
        return Json.parse(replies.await(message -> id.equals(Json.parse(message.payload()).path("id").asText()))
                .payload());
    }
}
