package io.autoresponder.support;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

/** Waits for a JSON message, skipping unrelated traffic (other tests' replies share the topics). */
public final class Replies {

    public static final long TIMEOUT_SECONDS = 10;

    private Replies() {
    }

    /** The first message on {@code topic} whose JSON satisfies {@code wanted}. */
    public static JsonNode await(Mqtt5BlockingClient.Mqtt5Publishes publishes, String topic, Predicate<JsonNode> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Optional<Mqtt5Publish> publish = publishes.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (publish.isPresent() && publish.get().getTopic().toString().equals(topic)) {
                JsonNode json = Json.parse(publish.get().getPayloadAsBytes());
                if (wanted.test(json)) {
                    return json;
                }
            }
        }
        throw new AssertionError("no matching message on " + topic + " within " + TIMEOUT_SECONDS + " s");
    }

    /** The reply on {@code other} that carries {@code "id": id}. */
    public static JsonNode replyWithId(Mqtt5BlockingClient.Mqtt5Publishes publishes, String id)
            throws InterruptedException {
        return await(publishes, "other", json -> id.equals(json.path("id").asText(null)));
    }
}
