package io.autoresponder.connector.embedded;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.netty.handler.codec.mqtt.MqttQoS;

import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Refusal;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.broker.routing.Subscriber;
import io.autoresponder.connector.ChannelCounters;
import io.autoresponder.connector.DemandQueue;
import io.autoresponder.connector.tracing.MessageTracing;

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
    private final AtomicInteger queued = new AtomicInteger();
    private final DemandQueue downstream;
    private volatile boolean attached;
    // Guarded by this: the filters subscribed while attached.
    private Set<String> filters;

    InboundChannel(InboundSettings settings, Router router, ChannelCounters counters, MessageTracing tracing) {
        this.settings = settings;
        this.router = router;
        this.counters = counters;
        this.filters = settings.filters();
        counters.registerEmbedded(settings.channel());
        // Attach once the subscriber has its subscription: retained messages delivered then wait for demand.
        this.downstream = new DemandQueue(settings.channel(), this::attach, this::detach,
                message -> queued.decrementAndGet(), tracing);
    }

    String name() {
        return settings.channel();
    }

    boolean isAttached() {
        return attached && !downstream.isCancelled();
    }

    /** Messages waiting for demand. */
    int queued() {
        return queued.get();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Message<?>> subscriber) {
        downstream.subscribe(subscriber);
    }

    private synchronized void attach() {
        filters.forEach(filter -> router.subscribe(this, filter, settings.qos()));
        attached = true;
    }

    /**
     * Follows a change of the channel's filters ({@link io.autoresponder.connector.ChannelTopics}): subscribes to
     * the new ones and off the ones gone; the router delivers one copy of a message that matches several.
     */
    synchronized void retarget(Set<String> next) {
        Set<String> now = Set.copyOf(next);
        if (attached && !downstream.isCancelled()) {
            filters.stream().filter(filter -> !now.contains(filter)).forEach(filter -> router.unsubscribe(this, filter));
            now.stream().filter(filter -> !filters.contains(filter))
                    .forEach(filter -> router.subscribe(this, filter, settings.qos()));
        }
        filters = now;
    }

    @Override
    public CompletionStage<Void> deliver(Publication publication, MqttQoS qos) {
        if (downstream.isCancelled()) {
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
        downstream.offer(message);
    }

    /** Detaches from the router (application shutdown or downstream cancelled). */
    synchronized void detach() {
        downstream.cancel();
        filters.forEach(filter -> router.unsubscribe(this, filter));
        attached = false;
    }
}
