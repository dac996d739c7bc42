package io.autoresponder.examples.externalshared;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

/**
 * An MQTT 5 client that publishes jobs to {@code jobs} at QoS 1, each with its own response topic (this
 * client's inbox) and correlation data, and keeps every reply that arrives there by its correlation data.
 */
final class Requester implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Mqtt5AsyncClient client;
    private final String inbox = "clients/" + UUID.randomUUID() + "/results";
    /** Correlation data of a job -> the payloads of all replies that carried it, in arrival order. */
    private final Map<String, List<String>> replies = new ConcurrentHashMap<>();

    private Requester(Mqtt5AsyncClient client) {
        this.client = client;
    }

    static Requester connect(int brokerPort) {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("requester-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(brokerPort).buildAsync();
        client.connect().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        Requester requester = new Requester(client);
        client.subscribeWith().topicFilter(requester.inbox).qos(MqttQos.AT_LEAST_ONCE)
                .callback(requester::onReply).send().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return requester;
    }

    private void onReply(Mqtt5Publish reply) {
        String correlation = reply.getCorrelationData().map(data -> StandardCharsets.UTF_8.decode(data).toString())
                .orElse("(none)");
        replies.computeIfAbsent(correlation, key -> new CopyOnWriteArrayList<>())
                .add(new String(reply.getPayloadAsBytes(), StandardCharsets.UTF_8));
    }

    /**
     * Publishes {@code count} jobs {@code {"id":"<batch>-<i>","n":<i>}} with correlation data {@code <batch>-<i>}
     * and returns those correlation data once the broker acknowledged every job (PUBACK).
     */
    List<String> publish(String batch, int count) {
        List<String> correlations = new ArrayList<>();
        List<CompletableFuture<?>> acknowledged = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = batch + "-" + i;
            correlations.add(id);
            acknowledged.add(client.publishWith().topic("jobs").qos(MqttQos.AT_LEAST_ONCE)
                    .responseTopic(inbox).correlationData(id.getBytes(StandardCharsets.UTF_8))
                    .payload(("{\"id\":\"" + id + "\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                    .send());
        }
        CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new))
                .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return correlations;
    }

    /**
     * Waits (bounded) until every one of {@code correlations} has a reply, then {@code settle} longer for
     * replies that should not come (a second answer to the same job), and returns the replies to each.
     */
    Map<String, List<String>> awaitReplies(List<String> correlations, Duration settle) {
        try {
            await("a reply to each of " + correlations.size() + " jobs").atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> correlations.stream().allMatch(replies::containsKey));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; unanswered: " + correlations.stream()
                    .filter(id -> !replies.containsKey(id)).limit(20).collect(Collectors.joining(", ")), e);
        }
        try {
            Thread.sleep(settle.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return correlations.stream().collect(Collectors.toMap(id -> id, id -> List.copyOf(replies.get(id))));
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
    }
}
