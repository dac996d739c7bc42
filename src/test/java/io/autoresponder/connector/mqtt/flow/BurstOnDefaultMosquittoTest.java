package io.autoresponder.connector.mqtt.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MqttConnectorOnDefaultMosquittoProfile;

/**
 * {@link BurstUnderFlowControlTest} against Mosquitto 2.0 with its default settings: Receive Maximum 20 for the
 * responder's replies, at most 20 requests in flight towards it (Mosquitto does not lower that to the client's
 * Receive Maximum, nor raise it) and 1,000 more queued for it; Mosquitto drops what goes beyond
 * ({@code max_queued_messages}).
 */
@QuarkusTest
@TestProfile(MqttConnectorOnDefaultMosquittoProfile.class)
@ExtendWith(RequiresMosquitto.class)
class BurstOnDefaultMosquittoTest extends BurstUnderFlowControlTest {

    // Mosquitto's default queue for one client, less nothing: a burst it can hold whatever the responder's pace.
    private static final int QUEUE_SIZE = 1_000;
    private static final int BEYOND_THE_QUEUE = 5_000;
    // Mosquitto publishes $SYS every 10 s by default.
    private static final Duration SYS_INTERVAL = Duration.ofSeconds(10);

    @Override
    int burst() {
        return QUEUE_SIZE;
    }

    /**
     * A burst five times the queue, sent faster than one subscriber with 20 in flight and acknowledgement after the
     * reply can take it: Mosquitto drops what exceeds its queue (its {@code $SYS/broker/publish/messages/dropped}
     * counts them), every request it delivered is answered, and the responder goes on. Raising
     * {@code max_queued_messages} and {@code max_inflight_messages} is how nothing is dropped
     * (docs/external-brokers.md).
     */
    @Test
    void aBurstBeyondMosquittosQueueLosesNothingMosquittoDelivered() {
        try (SysCounter dropped = new SysCounter(port, "$SYS/broker/publish/messages/dropped");
                Requester requester = new Requester(port, 1)) {
            long droppedBefore = dropped.awaitFirstValue();

            requester.sendAtOnce(BEYOND_THE_QUEUE);

            await("every request answered or counted as dropped by Mosquitto")
                    .atMost(SYS_INTERVAL.multipliedBy(6))
                    .until(() -> requester.answered() + dropped.value() - droppedBefore == BEYOND_THE_QUEUE);
            assertThat(requester.answered()).as("answered").isGreaterThanOrEqualTo(QUEUE_SIZE);
            assertThat(requester.answers().values()).as("answers per request").allMatch(count -> count.get() == 1);

            requester.sendAtOnce(1);
            await("the request after the burst answered").atMost(Duration.ofSeconds(10))
                    .until(() -> requester.answers().containsKey(BEYOND_THE_QUEUE));
        }
    }

    /** The latest value of one of Mosquitto's retained $SYS counters. */
    private static final class SysCounter implements AutoCloseable {

        private final Mqtt5AsyncClient client;
        private final AtomicLong value = new AtomicLong(-1);

        SysCounter(int port, String topic) {
            client = MqttClient.builder().useMqttVersion5().identifier("sys-" + UUID.randomUUID())
                    .serverHost("127.0.0.1").serverPort(port).buildAsync();
            client.connect().join();
            client.subscribeWith().topicFilter(topic).callback(publish -> value.set(
                    Long.parseLong(new String(publish.getPayloadAsBytes(), StandardCharsets.US_ASCII).trim())))
                    .send().join();
        }

        long awaitFirstValue() {
            await("Mosquitto's $SYS counter").atMost(SYS_INTERVAL.multipliedBy(2)).until(() -> value.get() >= 0);
            return value.get();
        }

        long value() {
            return value.get();
        }

        @Override
        public void close() {
            client.disconnect().join();
        }
    }
}
