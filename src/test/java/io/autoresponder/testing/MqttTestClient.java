package io.autoresponder.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.eclipse.microprofile.config.ConfigProvider;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;

/**
 * An MQTT 5 client for tests of handlers: {@link #request} publishes a request with a response topic of its own and
 * fresh correlation data, and returns the reply that comes back with that correlation data. Connects to the
 * embedded broker of the running {@code @QuarkusTest} ({@code autoresponder.broker.port}) or to any port given.
 *
 * <pre>{@code
 * try (MqttTestClient client = MqttTestClient.connect()) {
 *     MqttTestClient.Reply reply = client.request("orders/42", "{\"item\":\"tea\"}");
 *     assertThat(reply.text()).contains("confirmed");
 * }
 * }</pre>
 */
public final class MqttTestClient implements AutoCloseable {

    /** How long {@link #request} waits for a reply unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** At most this many unclaimed replies are kept; older ones are dropped. */
    private static final int MAX_KEPT = 10_000;

    private final Mqtt5AsyncClient client;
    private final String inbox = "autoresponder-test/" + UUID.randomUUID() + "/inbox";
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>(MAX_KEPT);

    private MqttTestClient(int port) {
        client = MqttClient.builder().useMqttVersion5().identifier("test-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(port).buildAsync();
        client.connect().join();
        client.subscribeWith().topicFilter(inbox).qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> replies.offer(Reply.of(publish))).send().join();
    }

    /** Connects to the embedded broker of the application under test. */
    public static MqttTestClient connect() {
        return connect(ConfigProvider.getConfig().getValue(EmbeddedBrokerPort.KEY, Integer.class));
    }

    /** Connects to a broker on {@code 127.0.0.1:port}. */
    public static MqttTestClient connect(int port) {
        return new MqttTestClient(port);
    }

    /** Publishes {@code payload} (UTF-8) on {@code topic} at QoS 1 as a request and awaits its reply. */
    public Reply request(String topic, String payload) {
        return request(topic, payload.getBytes(StandardCharsets.UTF_8), UnaryOperator.identity(), DEFAULT_TIMEOUT);
    }

    /**
     * Publishes a request and awaits its reply.
     *
     * @param more    anything else the request carries (QoS, user properties, content type, ...); the response
     *                topic and correlation data are this client's
     * @param timeout how long to wait for the reply
     * @throws AssertionError when no reply came within {@code timeout}
     */
    public Reply request(String topic, byte[] payload, UnaryOperator<Mqtt5PublishBuilder.Complete> more,
            Duration timeout) {
        byte[] correlation = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        Mqtt5PublishBuilder.Complete request = Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload);
        request = more.apply(request).responseTopic(inbox).correlationData(correlation);
        // Not joined first: a request that is never acknowledged must fail the test after the timeout, not hang it.
        CompletableFuture<Mqtt5PublishResult> sent = client.publish(request.build());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Reply reply = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (reply == null) {
                    throw new AssertionError("no reply to the request on " + topic + " within " + timeout
                            + acknowledgement(sent));
                }
                if (reply.correlationData().map(data -> java.util.Arrays.equals(data, correlation)).orElse(false)) {
                    return reply;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a reply", e);
        }
    }

    private static String acknowledgement(CompletableFuture<Mqtt5PublishResult> sent) {
        if (!sent.isDone()) {
            return "; the request was not acknowledged (PUBACK) either";
        }
        try {
            sent.join();
            return "; the request was acknowledged (PUBACK)";
        } catch (CompletionException refused) {
            return "; the request was refused: " + refused.getCause();
        }
    }

    /**
     * Subscribes to {@code topicFilter} at QoS 1 and returns what arrives there from now on: replies a handler sends
     * elsewhere than the requester's response topic, a rule's several replies, or dead letters ({@code other/errors}).
     */
    public Subscription subscribe(String topicFilter) {
        Subscription subscription = new Subscription(topicFilter);
        client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> subscription.received.offer(Reply.of(publish))).send().join();
        return subscription;
    }

    /** Publishes {@code payload} (UTF-8) on {@code topic} at QoS 1, waiting for its PUBACK, with no reply expected. */
    public void publish(String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send().orTimeout(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /**
     * Publishes {@code payload} (UTF-8) on {@code topic} at QoS 1 without waiting for its PUBACK: for a request
     * whose handler is still running when the test goes on (the embedded broker acknowledges after the handler).
     */
    public void publishAsync(String topic, String payload) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    /**
     * What arrives on one subscription, in order. {@link #await} takes the first message it wants and keeps the
     * ones it skipped for later calls, so replies may be awaited in any order; at most 10,000 unclaimed messages
     * are kept.
     */
    public static final class Subscription {

        private final String topicFilter;
        private final BlockingQueue<Reply> received = new LinkedBlockingQueue<>(MAX_KEPT);
        private final Deque<Reply> skipped = new ArrayDeque<>();

        private Subscription(String topicFilter) {
            this.topicFilter = topicFilter;
        }

        /** The first message satisfying {@code wanted}; fails the test after 10 s. */
        public Reply await(Predicate<Reply> wanted) {
            return await(wanted, DEFAULT_TIMEOUT);
        }

        /**
         * The first message satisfying {@code wanted}, in the order they arrived; the others stay for later calls.
         *
         * @throws AssertionError when none came within {@code timeout}
         */
        public synchronized Reply await(Predicate<Reply> wanted, Duration timeout) {
            for (Iterator<Reply> earlier = skipped.iterator(); earlier.hasNext();) {
                Reply message = earlier.next();
                if (wanted.test(message)) {
                    earlier.remove();
                    return message;
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    Reply message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (message == null) {
                        throw new AssertionError("no matching message on " + topicFilter + " within " + timeout);
                    }
                    if (wanted.test(message)) {
                        return message;
                    }
                    if (skipped.size() >= MAX_KEPT) {
                        skipped.removeFirst();
                    }
                    skipped.addLast(message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting on " + topicFilter, e);
            }
        }
    }

    @Override
    public void close() {
        client.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
    }

    /**
     * A reply (or any message a {@link Subscription} received) as it arrived.
     *
     * @param topic           where it was published
     * @param payload         its payload
     * @param qos             its QoS
     * @param correlationData its MQTT 5 correlation data
     * @param contentType     its MQTT 5 content type
     * @param userProperties  its MQTT 5 user properties, in order
     */
    public record Reply(String topic, byte[] payload, int qos, Optional<byte[]> correlationData,
            Optional<String> contentType, List<Map.Entry<String, String>> userProperties) {

        static Reply of(Mqtt5Publish publish) {
            return new Reply(publish.getTopic().toString(), publish.getPayloadAsBytes(), publish.getQos().getCode(),
                    publish.getCorrelationData().map(Reply::bytes), publish.getContentType().map(Object::toString),
                    publish.getUserProperties().asList().stream()
                            .map(p -> Map.entry(p.getName().toString(), p.getValue().toString())).toList());
        }

        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        private static byte[] bytes(ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
    }
}
