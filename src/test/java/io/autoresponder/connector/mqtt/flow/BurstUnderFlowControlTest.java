package io.autoresponder.connector.mqtt.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.autoresponder.support.Json;
import io.autoresponder.support.PrometheusText;

/**
 * MQTT 5 flow control (MQTT 5.0 section 4.9) with acknowledgement after the reply: a burst of requests sent at
 * once is answered completely, each request once, and the responder goes on answering. The subclasses run it
 * against brokers whose Receive Maximum towards the responder is small (their defaults) or large (tuned), in
 * external mode on the {@code autoresponder-mqtt} connector.
 * <p>
 * Before the fix a burst of about a hundred requests on a broker with Receive Maximum 20 stopped the responder
 * for good: publishing a reply blocked the HiveMQ client's own thread ({@code PublishWindow}).
 */
abstract class BurstUnderFlowControlTest {

    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(120);
    private static final int CLOSED_LOOP_REQUESTS = 5_000;
    private static final int CLOSED_LOOP_WINDOW = 256;
    private static final String REPLIES_SENT = "autoresponder_replies_sent_total{channel=\"other\"}";
    private static final String REJECTED_NOT_JSON =
            "autoresponder_payloads_rejected_total{channel=\"test\",reason=\"not_json\"}";

    @ConfigProperty(name = "mp.messaging.connector.autoresponder-mqtt.port")
    int port;

    /** How many requests the burst holds: as many as the broker queues for one subscriber with its settings. */
    abstract int burst();

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {1, 2})
    void everyRequestOfABurstIsAnsweredOnceAndTheResponderGoesOn(int qos) {
        try (Requester requester = new Requester(port, qos)) {
            int requests = burst();
            requester.sendAtOnce(requests);

            await().atMost(ANSWERED_WITHIN)
                    .untilAsserted(() -> assertThat(requester.answered()).as("requests answered").isEqualTo(requests));
            assertThat(requester.answers().values()).as("answers per request").allMatch(count -> count.get() == 1);

            requester.sendAtOnce(1);
            await("the request after the burst answered").atMost(Duration.ofSeconds(10))
                    .until(() -> requester.answered() == requests + 1);
        }
    }

    /**
     * Replies to a topic nobody subscribes to (MQTT 5 brokers may acknowledge them with 0x10, No matching
     * subscribers) complete like any other: a burst of them does not hold the responder back.
     */
    @Test
    void aBurstWhoseRepliesNobodyReceivesDoesNotHoldTheResponderBack() {
        int requests = burst();
        double repliesBefore = PrometheusText.sample(REPLIES_SENT);
        try (Requester unheard = new Requester(port, 1, false)) {
            unheard.sendAtOnce(requests);
        }
        await().atMost(ANSWERED_WITHIN).untilAsserted(() -> assertThat(PrometheusText.sample(REPLIES_SENT) - repliesBefore)
                .as("replies accepted by the broker").isEqualTo(requests));
        assertTheResponderGoesOn();
    }

    /** Bad payloads go to the dead-letter channel (another publishing channel): a burst of them holds nothing back. */
    @Test
    void aBurstOfBadPayloadsIsDeadLetteredAndTheResponderGoesOn() {
        int requests = burst();
        double rejectedBefore = PrometheusText.sample(REJECTED_NOT_JSON);
        try (Requester bad = new Requester(port, 1, false)) {
            bad.sendAtOnce(requests, "not json".getBytes(StandardCharsets.US_ASCII));
        }
        await().atMost(ANSWERED_WITHIN).untilAsserted(() -> assertThat(PrometheusText.sample(REJECTED_NOT_JSON)
                - rejectedBefore).as("requests dead-lettered").isEqualTo(requests));
        assertTheResponderGoesOn();
    }

    private void assertTheResponderGoesOn() {
        try (Requester requester = new Requester(port, 1)) {
            requester.sendAtOnce(1);
            await("a request answered").atMost(Duration.ofSeconds(10)).until(() -> requester.answered() == 1);
        }
    }

    /**
     * {@value #CLOSED_LOOP_REQUESTS} requests with {@value #CLOSED_LOOP_WINDOW} unanswered at a time, a requester
     * that respects the broker's queue whatever its size: every one is answered once.
     */
    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {1, 2})
    void aClosedLoopWithManyRequestsInFlightIsAnsweredCompletely(int qos) throws InterruptedException {
        try (Requester requester = new Requester(port, qos)) {
            requester.sendClosedLoop(CLOSED_LOOP_REQUESTS, CLOSED_LOOP_WINDOW);

            await().atMost(ANSWERED_WITHIN).untilAsserted(() -> assertThat(requester.answered())
                    .as("requests answered").isEqualTo(CLOSED_LOOP_REQUESTS));
            assertThat(requester.answers().values()).as("answers per request").allMatch(count -> count.get() == 1);
        }
    }

    /** An MQTT 5 client that sends numbered requests and counts the answers to each, skipping others' replies. */
    static final class Requester implements AutoCloseable {

        private final String run = UUID.randomUUID().toString();
        private final Mqtt5AsyncClient client;
        private final int qos;
        private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        private final Semaphore unanswered = new Semaphore(0);
        private int sent;

        Requester(int port, int qos) {
            this(port, qos, true);
        }

        /** @param listening whether it subscribes to the replies */
        Requester(int port, int qos, boolean listening) {
            this.qos = qos;
            this.client = MqttClient.builder().useMqttVersion5().identifier("burst-" + run)
                    .serverHost("127.0.0.1").serverPort(port).buildAsync();
            client.connect().join();
            if (!listening) {
                return;
            }
            client.subscribeWith().topicFilter("other").qos(MqttQos.fromCode(qos)).callback(publish -> {
                JsonNode reply = Json.parse(publish.getPayloadAsBytes());
                if (run.equals(reply.path("id").asText())) {
                    if (answers.computeIfAbsent(reply.path("seq").asInt(), seq -> new AtomicInteger())
                            .incrementAndGet() == 1) {
                        unanswered.release();
                    }
                }
            }).send().join();
        }

        /** Sends {@code count} requests, each only while fewer than {@code window} are unanswered. */
        void sendClosedLoop(int count, int window) throws InterruptedException {
            unanswered.drainPermits();
            unanswered.release(window);
            for (int i = 0; i < count; i++) {
                if (!unanswered.tryAcquire(ANSWERED_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("no answer for " + ANSWERED_WITHIN + " with " + window
                            + " requests unanswered; " + answered() + " answered");
                }
                client.publishWith().topic("test").qos(MqttQos.fromCode(qos)).payload(request(run, sent++)).send();
            }
        }

        /** Hands {@code count} more requests to the client at once; returns when the broker accepted them all. */
        void sendAtOnce(int count) {
            sendAtOnce(count, null);
        }

        /** As {@link #sendAtOnce(int)}, each with {@code payload} instead of a numbered request when not null. */
        void sendAtOnce(int count, byte[] payload) {
            CompletableFuture<?>[] accepted = new CompletableFuture<?>[count];
            for (int i = 0; i < count; i++) {
                byte[] body = payload != null ? payload : request(run, sent++);
                accepted[i] = client.publishWith().topic("test").qos(MqttQos.fromCode(qos)).payload(body).send();
            }
            CompletableFuture.allOf(accepted).join();
        }

        /** Requests answered at least once. */
        int answered() {
            return answers.size();
        }

        /** Answers per request number. */
        Map<Integer, AtomicInteger> answers() {
            return answers;
        }

        @Override
        public void close() {
            client.disconnect().join();
        }
    }

    private static byte[] request(String run, int seq) {
        return Json.bytes("{\"talk\":\"burst\",\"name\":\"b\",\"id\":\"" + run + "\",\"seq\":" + seq + "}");
    }
}
