package io.autoresponder.connector;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.autoresponder.broker.Publication;
import io.autoresponder.broker.Refusal;
import io.autoresponder.broker.Router;
import io.autoresponder.broker.Subscriber;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * One {@code @Incoming} channel attached to the broker's router as an in-process subscriber. Messages go
 * downstream on the publisher's event loop as soon as there is demand, otherwise wait in a bounded queue.
 * A QoS 1/2 message is acknowledged to its publisher only when the channel acknowledges it, so a slow
 * handler holds back the publishers' acknowledgements and their in-flight windows slow them down.
 */
final class InboundChannel implements Subscriber, Flow.Publisher<Message<?>> {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final InboundSettings settings;
    private final Router router;
    private final ChannelCounters counters;
    private final Queue<Message<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger drainers = new AtomicInteger();
    private volatile Flow.Subscriber<? super Message<?>> downstream;
    private volatile boolean attached;
    private volatile boolean cancelled;

    InboundChannel(InboundSettings settings, Router router, ChannelCounters counters) {
        this.settings = settings;
        this.router = router;
        this.counters = counters;
    }

    String name() {
        return settings.channel();
    }

    boolean isAttached() {
        return attached && !cancelled;
    }

    /** Messages waiting for demand. */
    int queued() {
        return queued.get();
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
            subscriber.onError(new IllegalStateException("channel " + name() + " takes a single subscriber"));
            return;
        }
        downstream = subscriber;
        subscriber.onSubscribe(new Demand());
        // Attach after onSubscribe: retained messages delivered now wait in the queue for demand.
        router.subscribe(this, settings.topic(), settings.qos());
        attached = true;
    }

    @Override
    public CompletionStage<Void> deliver(Publication publication, MqttQoS qos) {
        if (cancelled) {
            return TAKEN;
        }
        if (qos == MqttQoS.AT_MOST_ONCE) {
            if (queued.get() >= settings.bufferSize()) {
                counters.dropped(name());
                return TAKEN;
            }
            enqueue(Message.of(publication.payload().getBytes(),
                    Metadata.of(MetadataMapping.incoming(publication, qos))));
            return TAKEN;
        }
        if (queued.get() >= settings.maxPending()) {
            counters.refused(name());
            return CompletableFuture.failedFuture(new Refusal(Refusal.Reason.QUOTA_EXCEEDED,
                    "channel " + name() + " has " + settings.maxPending() + " messages waiting", null));
        }
        CompletableFuture<Void> processed = new CompletableFuture<>();
        enqueue(Message.of(publication.payload().getBytes(), Metadata.of(MetadataMapping.incoming(publication, qos)),
                () -> {
                    processed.complete(null);
                    return DONE;
                },
                failure -> {
                    processed.completeExceptionally(new Refusal(Refusal.Reason.NOT_ACCEPTED,
                            "channel " + name() + " failed to process the message", failure));
                    return DONE;
                }));
        return processed;
    }

    private void enqueue(Message<?> message) {
        queued.incrementAndGet();
        queue.offer(message);
        drain();
    }

    /** Emits queued messages while there is demand; re-entrant calls from downstream only add a pass. */
    private void drain() {
        if (drainers.getAndIncrement() != 0) {
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
                queued.decrementAndGet();
                emitted++;
                downstream.onNext(message);
            }
            if (emitted != 0 && demand != Long.MAX_VALUE) {
                requested.addAndGet(-emitted);
            }
            missed = drainers.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Detaches from the router (application shutdown or downstream cancelled). */
    void detach() {
        cancelled = true;
        router.unsubscribe(this, settings.topic());
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
            detach();
        }
    }
}
