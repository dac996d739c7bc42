package io.autoresponder.connector.mqtt;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the publishes a {@link SharedMqttClient} has handed to the HiveMQ client and not yet seen completed, so
 * that handing one over never blocks.
 * <p>
 * Why: the HiveMQ client (1.3) takes asynchronous publishes through an RxJava {@code flatMap} with at most 64
 * unfinished sources ({@code MqttOutgoingQosHandler.MAX_CONCURRENT_PUBLISH_FLOWABLES}, not configurable), and its
 * {@code MqttPublishFlowables.add} <em>waits</em> ({@code Object.wait()}) while that limit is reached. A publish
 * leaves the {@code flatMap} only when the server's Receive Maximum (MQTT 5.0 section 3.2.2.3.3) has a free slot,
 * so once Receive Maximum + 64 replies are unfinished, the next publish blocks its caller. Our callbacks, and with
 * them the replies, run on the client's own Netty thread, the one that must read the PUBACKs that would free the
 * slots: the connection deadlocked for good. Default Mosquitto (Receive Maximum 20) and HiveMQ CE (10) reached
 * that with a burst of about a hundred requests; brokers tuned to 1000 did not, because channels keep at most
 * {@code max-inflight} (1024) publishes unfinished.
 * <p>
 * {@value #SIZE} is safe whatever the server's Receive Maximum: the {@code flatMap} renews its demand in batches
 * of half its limit (32), so at most 31 completed publishes may still count against the 64; {@value #SIZE}
 * unfinished ones leave at least one free. More publishes wait here, in arrival order, bounded by the channels'
 * {@code max-inflight}. ({@code HiveMqPublishLimitTest} fails when a new client version changes the constant.)
 */
final class PublishWindow {

    /** Publishes unfinished at once: half the HiveMQ client's 64 concurrent publish sources. */
    static final int SIZE = 32;

    private final int size;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicInteger drainers = new AtomicInteger();

    PublishWindow() {
        this(SIZE);
    }

    PublishWindow(int size) {
        this.size = size;
    }

    /**
     * Runs {@code publish} as soon as fewer than the window's size of earlier ones are unfinished; the returned
     * future completes as the publish's does.
     */
    CompletableFuture<Void> submit(Supplier<CompletableFuture<Void>> publish) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        waiting.offer(new Waiting(publish, result));
        drain();
        return result;
    }

    /** Publishes handed over and not completed. */
    int unfinished() {
        return unfinished.get();
    }

    /** Publishes waiting for a free place in the window. */
    int waiting() {
        return waiting.size();
    }

    // One thread at a time starts publishes; a completion or submission during the loop adds a pass instead of
    // recursing, so a run of publishes that fail at once cannot grow the stack.
    private void drain() {
        if (drainers.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (unfinished.get() < size) {
                Waiting next = waiting.poll();
                if (next == null) {
                    break;
                }
                unfinished.incrementAndGet();
                start(next);
            }
            missed = drainers.addAndGet(-missed);
        } while (missed != 0);
    }

    private void start(Waiting next) {
        CompletableFuture<Void> sent;
        try {
            sent = next.publish().get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((nothing, failure) -> {
            unfinished.decrementAndGet();
            if (failure == null) {
                next.result().complete(null);
            } else {
                next.result().completeExceptionally(failure);
            }
            drain();
        });
    }

    private record Waiting(Supplier<CompletableFuture<Void>> publish, CompletableFuture<Void> result) {
    }
}
