package io.autoresponder.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * A steady stream of QoS 1 requests from an independent client: {@code perTick} requests every {@code tick},
 * {@code total} in all, numbered 0..total-1 by the {@link ReplyLedger}. A request counts as accepted when the
 * broker acknowledged it (PUBACK): from then on it is the system's to answer.
 */
public final class RequestStream implements AutoCloseable {

    private final Mqtt5AsyncClient client;
    private final ReplyLedger ledger;
    private final int total;
    private final int perTick;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public RequestStream(Mqtt5AsyncClient client, ReplyLedger ledger, int total, int perTick, Duration tick) {
        this.client = client;
        this.ledger = ledger;
        this.total = total;
        this.perTick = perTick;
        scheduler.scheduleAtFixedRate(this::publishSome, 0, tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void publishSome() {
        for (int i = 0; i < perTick; i++) {
            int seq = published.get();
            if (seq >= total) {
                scheduler.shutdown();
                return;
            }
            published.incrementAndGet();
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(ledger.request(seq)).send()
                    .whenComplete((result, failure) -> (failure == null ? accepted : refused).incrementAndGet());
        }
    }

    /** Requests handed to the client so far. */
    public int published() {
        return published.get();
    }

    /** Waits until every request was published and acknowledged by the broker; returns how many were. */
    public int awaitAllAccepted(Duration limit) {
        await("all " + total + " requests acknowledged by the broker").atMost(limit)
                .until(() -> accepted.get() + refused.get() == total);
        if (refused.get() > 0) {
            throw new AssertionError(refused.get() + " requests were refused by the broker");
        }
        return accepted.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
