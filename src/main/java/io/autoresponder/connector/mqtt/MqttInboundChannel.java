package io.autoresponder.connector.mqtt;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.connector.ChannelCounters;
import io.autoresponder.connector.DemandQueue;
import io.autoresponder.connector.tracing.MessageTracing;
import io.autoresponder.connector.mqtt.dedup.DuplicateMemory;
import io.autoresponder.connector.mqtt.dedup.DuplicateRequests;
import io.autoresponder.connector.mqtt.dedup.RequestKey;
import io.autoresponder.mqtt.Topics;
import io.autoresponder.responder.RateLimitedLog;
import io.autoresponder.responder.RequestFields;

/**
 * One {@code @Incoming} channel of the {@value MqttConnector#NAME} connector. Requests wait in a queue until
 * downstream asks for them. The queue is bounded: QoS 1/2 requests by the receive maximum the client announced
 * in CONNECT (the broker sends no more unacknowledged ones, MQTT 5.0 section 4.9), QoS 0 requests by
 * {@code buffer-size} (more are dropped and counted).
 * <p>
 * A request is acknowledged to the broker when the message is acked or nacked, i.e. after its reply was
 * accepted by the broker, it was dead-lettered, or the handler finished without a reply.
 */
final class MqttInboundChannel implements Flow.Publisher<Message<?>> {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final MqttInboundSettings settings;
    private final SharedMqttClient client;
    private final ChannelCounters counters;
    private final DuplicateRequests duplicates;
    private static final Logger LOG = Logger.getLogger(MqttInboundChannel.class);

    private final RateLimitedLog journalLog = new RateLimitedLog(LOG, java.time.Duration.ofSeconds(10));
    private final ProgressWatch progress;
    // The subscriptions' filters, and the same without $share/<group>/, which topic names are compared with.
    private volatile Set<String> filters;
    private volatile Set<String> matchOn;
    private final AtomicInteger queuedQos0 = new AtomicInteger();
    private final DemandQueue downstream;
    private volatile boolean subscribed;
    private volatile boolean left;

    MqttInboundChannel(MqttInboundSettings settings, SharedMqttClient client, ChannelCounters counters,
            MessageTracing tracing) {
        this.settings = settings;
        this.client = client;
        this.counters = counters;
        this.duplicates = DuplicateMemory.open(settings, client);
        this.progress = new ProgressWatch(settings.stallTimeout());
        counters.registerMqtt(settings.channel());
        setFilters(settings.filters());
        this.downstream = new DemandQueue(settings.channel(), this::attach, () -> {
        }, message -> {
            if (message.getMetadata(Qos0.class).isPresent()) {
                queuedQos0.decrementAndGet();
            }
        }, tracing);
    }

    String name() {
        return settings.channel();
    }

    /** The topic filters it subscribes to. */
    Set<String> filters() {
        return filters;
    }

    /**
     * Follows a change of the channel's filters ({@link io.autoresponder.connector.ChannelTopics}): subscribes to
     * the new ones and off the ones gone, on the current connection (later connections subscribe to them all).
     */
    synchronized void retarget(Set<String> next) {
        Set<String> previous = filters;
        setFilters(next);
        Set<String> added = new HashSet<>(filters);
        added.removeAll(previous);
        Set<String> removed = new HashSet<>(previous);
        removed.removeAll(filters);
        if (!left) {
            client.retarget(this, added, removed);
        }
    }

    private void setFilters(Set<String> next) {
        filters = Set.copyOf(next);
        matchOn = filters.stream().map(filter -> {
            Topics.SharedFilter shared = Topics.SharedFilter.parse(filter);
            return shared == null ? filter : shared.filter();
        }).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    int qos() {
        return settings.qos();
    }

    /** Connected, subscribed on the current connection, consumed by a handler, and not stalled. */
    boolean isReady() {
        return subscribed && downstream.hasSubscriber() && !downstream.isCancelled()
                && client.state() == ConnectionState.CONNECTED && !progress.isStalled();
    }

    boolean isAlive() {
        return !downstream.isCancelled();
    }

    /** Why the channel is stalled or the connection down, for readiness; null when neither. */
    String connectionProblem() {
        String stall = progress.stallReason();
        return stall != null ? stall : client.notConnectedReason();
    }

    /**
     * The stall watchdog's look at this channel at {@code now} (nanoseconds; one thread only): a stall is counted,
     * logged once and answered by a reconnect, which lets the broker send unacknowledged requests again (to a
     * persistent session) and the client resend unacknowledged replies; while it lasts, readiness is DOWN.
     */
    void watch(long now) {
        if (client.state() != ConnectionState.CONNECTED && !progress.isStalled()) {
            // A lost connection is reported as such; no request can complete until it is back.
            progress.excuse(now);
            return;
        }
        switch (progress.check(now)) {
            case STALLED -> {
                counters.stalled(name());
                LOG.warnf("Channel %s %s (stall-timeout %s)", name(), progress.stallReason(), settings.stallTimeout());
                client.restart("channel " + name() + " " + progress.stallReason());
            }
            case RETRY -> {
                LOG.debugf("Channel %s %s", name(), progress.stallReason());
                client.restart("channel " + name() + " " + progress.stallReason());
            }
            case RECOVERED -> LOG.infof("Channel %s completes requests again", name());
            default -> {
            }
        }
    }

    boolean matches(String topicName) {
        for (String filter : matchOn) {
            if (Topics.matches(filter, topicName)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the broker keeps nothing for this channel's client once it disconnected. */
    boolean hasCleanSession() {
        return client.hasCleanSession();
    }

    /** Unsubscribes for good (shutdown): no new requests, not even after a reconnect; completes with the UNSUBACK. */
    java.util.concurrent.CompletableFuture<Void> leave() {
        left = true;
        return client.unsubscribe(this);
    }

    /** Whether {@link #leave()} was called. */
    boolean hasLeft() {
        return left;
    }

    void subscribed() {
        subscribed = true;
    }

    void unsubscribed() {
        subscribed = false;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Message<?>> subscriber) {
        downstream.subscribe(subscriber);
    }

    private void attach() {
        client.attach(this);
        client.start();
    }

    /** Takes a request received on connection number {@code connection}. */
    void offer(MqttProtocol.Received publish, long connection) {
        if (downstream.isCancelled()) {
            return;
        }
        MqttIncomingMetadata metadata = publish.metadata();
        if (metadata.qos() == 0) {
            if (queuedQos0.get() >= settings.bufferSize()) {
                counters.dropped(name());
                return;
            }
            queuedQos0.incrementAndGet();
            enqueue(Message.of(publish.payload(), Metadata.of(metadata, new Qos0())));
            return;
        }
        // Read once here; the replyTo convention downstream takes the fields from the metadata.
        RequestFields fields = settings.duplicateCapacity() == 0 || RequestKey.fromPropertiesAlone(metadata)
                ? null : RequestFields.read(publish.payload());
        Optional<RequestKey> key = settings.duplicateCapacity() == 0 ? Optional.empty()
                : RequestKey.of(metadata, fields == null ? RequestFields.NONE : fields);
        if (key.isPresent() && duplicates.answered(key.get(), System.currentTimeMillis())) {
            counters.duplicate(name());
            client.acknowledge(publish, connection);
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        progress.taken(System.nanoTime());
        enqueue(Message.of(publish.payload(), fields == null ? Metadata.of(metadata) : Metadata.of(metadata, fields),
                () -> {
                    if (done.compareAndSet(false, true)) {
                        key.ifPresent(this::remember);
                        client.acknowledge(publish, connection);
                        progress.settled(System.nanoTime());
                    }
                    return DONE;
                },
                failure -> {
                    // Handled, if not successfully: holding it unacknowledged would only block an in-flight slot.
                    if (done.compareAndSet(false, true)) {
                        client.acknowledge(publish, connection);
                        progress.settled(System.nanoTime());
                    }
                    return DONE;
                }));
    }

    /** Called after the reply was accepted by the broker and before the request is acknowledged. */
    private void remember(RequestKey key) {
        try {
            duplicates.remember(key, System.currentTimeMillis());
        } catch (java.io.IOException e) {
            counters.journalFailed(name());
            journalLog.warn("Channel " + name() + ": answered request not written to the duplicate journal ("
                    + e + "); it may be answered again after a restart");
        }
    }

    /** Closes the duplicate journal (application shutdown). */
    void close() {
        duplicates.close();
    }

    private void enqueue(Message<?> message) {
        downstream.offer(message);
    }

    /** Marks a queued QoS 0 message, which counts against {@code buffer-size}. */
    private record Qos0() {
    }
}
