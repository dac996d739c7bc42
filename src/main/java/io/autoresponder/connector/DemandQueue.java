package io.autoresponder.connector;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.autoresponder.connector.tracing.MessageTracing;

/**
 * The downstream side of an incoming channel: a single-subscriber publisher that emits queued messages while
 * there is demand, on whichever thread offers a message or asks for more (no thread hop), each on a context of its
 * own ({@link MessageTracing}). Bounds and counting stay with the channel, which is told of every message that
 * leaves.
 */
public final class DemandQueue implements Flow.Publisher<Message<?>> {

    private final String channel;
    private final Runnable onSubscribed;
    private final Runnable onCancelled;
    private final Consumer<Message<?>> onEmitted;
    private final MessageTracing tracing;
    private final Queue<Message<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger drainers = new AtomicInteger();
    private volatile Flow.Subscriber<? super Message<?>> downstream;
    private volatile boolean cancelled;

    /**
     * @param channel      channel name, for errors
     * @param onSubscribed runs once the subscriber has its subscription (attach to the source then)
     * @param onCancelled  runs when the subscriber cancels
     * @param onEmitted    told of each message handed downstream
     * @param tracing      traces each message from its offer to its dispatch and on
     */
    public DemandQueue(String channel, Runnable onSubscribed, Runnable onCancelled, Consumer<Message<?>> onEmitted,
            MessageTracing tracing) {
        this.channel = channel;
        this.tracing = tracing;
        this.onSubscribed = onSubscribed;
        this.onCancelled = onCancelled;
        this.onEmitted = onEmitted;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Message<?>> subscriber) {
        if (downstream != null) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("channel " + channel + " takes a single subscriber"));
            return;
        }
        downstream = subscriber;
        subscriber.onSubscribe(new Demand());
        onSubscribed.run();
    }

    public void offer(Message<?> message) {
        queue.offer(tracing.received(message, channel));
        drain();
    }

    public boolean hasSubscriber() {
        return downstream != null;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void cancel() {
        cancelled = true;
    }

    /** Emits queued messages while there is demand; re-entrant calls from downstream only add a pass. */
    void drain() {
        if (downstream == null || drainers.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            long demand = requested.get();
            long emitted = 0;
            while (emitted != demand && !cancelled) {
                Message<?> message = queue.poll();
                if (message == null) {
                    break;
                }
                onEmitted.accept(message);
                emitted++;
                tracing.dispatch(message, channel, downstream::onNext);
            }
            if (emitted != 0 && demand != Long.MAX_VALUE) {
                requested.addAndGet(-emitted);
            }
            missed = drainers.addAndGet(-missed);
        } while (missed != 0);
    }

    private final class Demand implements Flow.Subscription {
        @Override
        public void request(long n) {
            if (n <= 0) {
                downstream.onError(new IllegalArgumentException("request must be positive [Reactive Streams 3.9]"));
                return;
            }
            requested.accumulateAndGet(n, (current, added) -> {
                long sum = current + added;
                return sum < 0 ? Long.MAX_VALUE : sum;
            });
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            onCancelled.run();
        }
    }
}
