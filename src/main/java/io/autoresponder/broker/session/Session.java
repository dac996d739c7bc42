package io.autoresponder.broker.session;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.vertx.core.Context;

import io.autoresponder.broker.BrokerClock;
import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.BrokerMetrics;
import io.autoresponder.broker.Confinement;
import io.autoresponder.broker.connection.MqttConnection;
import io.autoresponder.broker.connection.Will;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.broker.routing.Subscriber;
import io.autoresponder.broker.security.AccessGate;

/**
 * The state the broker keeps for one client identifier, across its connections (MQTT 3.1.1 section 3.1.2.4,
 * MQTT 5.0 section 4.1): its subscriptions (this object is the {@link Subscriber} in the subscription table),
 * the outbound flow (in flight and queued messages), inbound QoS 2 packet identifiers awaiting PUBREL, the
 * expiry interval and a delayed will. Owned by the {@link SessionStore}.
 *
 * <h2>Threading</h2>
 * All state except {@link #owner} is touched on one Vert.x context, {@link #context}: the event loop of the
 * connection that last attached, kept while the client is away (event loops outlive connections). Every
 * access goes through {@link #execute}, which runs the task at once when already on that context and hops
 * there otherwise. A reconnect may come in on another event loop; the hand-over is a task on the old
 * context that ends the old link and writes the new context into {@link #context}. The field is only ever
 * written by a task running on the context it names, so a task that finds itself on the context it reads
 * there knows no other thread uses the state until it finishes; a task that was queued on the old loop
 * before the switch finds the field changed and hops again, to the new loop. The new connection sends
 * CONNACK and re-sends messages in flight in one task on the new loop, so nothing is written before
 * CONNACK.
 */
public final class Session implements Subscriber {

    private static final Logger LOG = Logger.getLogger(Session.class);
    private static final long NO_TIMER = -1;

    private final String clientId;
    /** Tells this session's records from those of the session it replaced or the one that replaces it. */
    private final long incarnation;
    private final SessionJournals journals;
    private SessionJournal journal = SessionJournal.NONE;
    private final BrokerClock clock;
    private final SessionStore store;
    private final Router router;
    private final BrokerMetrics metrics;
    private final OutboundFlow outbound;
    /** This client's topic filters, for the per-client subscription limit. */
    private final Set<String> filters = new HashSet<>();
    /** The subscriptions granted, with their options, for a journal that starts on this session. */
    private final Map<String, StoredSession.Subscription> subscriptions = new LinkedHashMap<>();
    /** Inbound QoS 2 packet ids routed and waiting for PUBREL: a re-sent PUBLISH must not be routed twice. */
    private final Set<Integer> awaitingRelease = new HashSet<>();
    private volatile Context context;
    /**
     * The connection this session belongs to, or null while the client is away. Written only by the store,
     * under its lock for this client id, so claiming a session and expiring it never overlap.
     */
    private volatile MqttConnection owner;
    private boolean ended;
    /** The ACL of the connection that last claimed the session; queued messages are checked against it too. */
    private volatile AccessGate readAccess = AccessGate.UNRESTRICTED;
    private long expirySeconds;
    private long expiryTimer = NO_TIMER;
    private long willTimer = NO_TIMER;
    private Will pendingWill;
    /** When the client went away (epoch milliseconds), for the journal. */
    private long awaySinceMillis;

    Session(String clientId, long incarnation, Context context, BrokerClock clock, SessionStore store, Router router,
            BrokerConfig config, BrokerMetrics metrics, QueuedBytes budget, SessionJournals journals) {
        this.clientId = clientId;
        this.incarnation = incarnation;
        this.journals = journals;
        this.context = context;
        this.clock = clock;
        this.store = store;
        this.router = router;
        this.metrics = metrics;
        this.outbound = new OutboundFlow(clientId, config, metrics, budget, clock);
    }

    @Override
    public String clientId() {
        return clientId;
    }

    /** Runs {@code task} on this session's context, now if already there (see the class comment). */
    public void execute(Runnable task) {
        Context current = context;
        if (Confinement.isOn(current)) {
            task.run();
        } else {
            current.runOnContext(v -> execute(task));
        }
    }

    // ---- delivery (any thread) ------------------------------------------------------------------------

    @Override
    public CompletionStage<Void> deliver(Publication publication, MqttQoS qos) {
        return deliver(publication, Route.of(qos));
    }

    @Override
    public CompletionStage<Void> deliver(Publication publication, Route route) {
        if (journals.enabled() && route.qos() != MqttQoS.AT_MOST_ONCE && !Confinement.isOn(context)) {
            // Written on this session's context: the publisher's acknowledgement waits until it is.
            CompletableFuture<Void> written = new CompletableFuture<>();
            execute(() -> {
                take(publication, route);
                written.complete(null);
            });
            return written;
        }
        execute(() -> take(publication, route));
        return TAKEN;
    }

    private void take(Publication publication, Route route) {
        {
            if (ended) {
                // Routed just before the session ended: a shared message still finds another member.
                if (route.via() == null || !router.handOver(publication, route.via())) {
                    metrics.dropped();
                }
                return;
            }
            if (!readAccess.receiveAllowed(publication.topic())) {
                return; // read access is checked per message (retained ones too), as a deny may cover part of a filter
            }
            outbound.offer(publication, route);
        }
    }

    // ---- connection life cycle (called by the connection) ------------------------------------------------

    /** What the client now connecting may receive (its client id is fixed, its user name may differ). */
    public void readAccess(AccessGate access) {
        readAccess = access;
    }

    /** Claimed by {@code connection} (store lock held); see {@link SessionStore#open}. */
    void claim(MqttConnection connection) {
        owner = connection;
    }

    /** Gives the session up if {@code connection} still owns it (store lock held); whether it did. */
    boolean release(MqttConnection connection) {
        if (owner != connection) {
            return false;
        }
        owner = null;
        return true;
    }

    boolean isClaimed() {
        return owner != null;
    }

    /**
     * Moves the session to {@code connection}, which claimed it: on the old context the old link ends and
     * timers stop (a reconnect cancels a delayed will [MQTT-3.1.3-9]); then on {@code target}, the new
     * connection's context, {@code connected} runs (it sends CONNACK) and messages in flight are re-sent.
     */
    public void attach(MqttConnection connection, Context target, long expiry, Runnable connected) {
        execute(() -> {
            outbound.unlink();
            cancelTimers();
            pendingWill = null;
            expirySeconds = expiry;
            journalAttached(expiry);
            context = target;
            // At once when the session was on this loop already (the usual case), so CONNACK follows CONNECT
            // without a hop; else a task on the new loop.
            execute(() -> {
                if (owner != connection || ended) {
                    return; // taken over again, or ended by a clean start, before this connection got here
                }
                connected.run();
                outbound.link(connection.link());
            });
        });
    }

    /**
     * The connection that owned this session closed. {@code will} is its will message if it is to be sent
     * (null after a normal DISCONNECT), with its MQTT 5 will delay; {@code expiry} is the
     * session expiry interval in force at the end (a DISCONNECT may have changed it).
     */
    public void connectionLost(MqttConnection connection, Will will, long expiry) {
        long willDelaySeconds = will == null ? 0 : will.delaySeconds();
        execute(() -> {
            if (ended || !store.holds(this)) {
                publish(will); // the session ended under it (clean start elsewhere): the will goes now
                return;
            }
            if (!store.release(this, connection)) {
                // Taken over by a new connection: its will is sent now, unless delayed, since a new connection
                // within the delay cancels it [MQTT-3.1.3-9] (MQTT 5.0 section 3.1.4).
                if (willDelaySeconds == 0) {
                    publish(will);
                }
                return;
            }
            outbound.unlink();
            expirySeconds = expiry;
            if (expiry == 0) {
                store.end(this);
                publish(will);
                return;
            }
            awaySinceMillis = System.currentTimeMillis();
            journal.away(expiry, awaySinceMillis, will != null && willDelaySeconds > 0 ? will : null);
            if (will != null && willDelaySeconds == 0) {
                publish(will);
            } else if (will != null) {
                // Sent when the delay passes or the session ends, whichever comes first [MQTT-3.1.3-9].
                pendingWill = will;
                if (willDelaySeconds < expiry) {
                    willTimer = clock.setTimer(willDelaySeconds * 1000, () -> execute(this::willDelayPassed));
                }
            }
            expiryTimer = clock.setTimer(expiry * 1000, () -> execute(this::expiryPassed));
        });
    }

    private void willDelayPassed() {
        willTimer = NO_TIMER;
        if (owner == null && !ended) {
            Will will = pendingWill;
            pendingWill = null;
            journal.away(expirySeconds, awaySinceMillis, null);
            publish(will);
        }
    }

    private void expiryPassed() {
        expiryTimer = NO_TIMER;
        if (store.expire(this)) {
            LOG.debugf("session of %s expired after %ds", clientId, expirySeconds);
        }
    }

    /**
     * Ends the session (store lock released, on any thread): subscriptions go, messages not received go back
     * to their shared groups or are dropped, and a delayed will is sent now.
     */
    void end() {
        execute(() -> {
            if (ended) {
                return;
            }
            ended = true;
            journal.ended();
            useJournal(SessionJournal.NONE);
            cancelTimers();
            outbound.unlink();
            router.unsubscribeAll(this);
            filters.clear();
            subscriptions.clear();
            awaitingRelease.clear();
            for (OutboundWindow.Delivery delivery : outbound.drainUnreceived()) {
                if (delivery.via() == null || !router.handOver(delivery.publication(), delivery.via())) {
                    metrics.dropped();
                }
            }
            Will will = pendingWill;
            pendingWill = null;
            publish(will);
        });
    }

    /**
     * Starts, keeps or stops this session's journal as a connection claims it: only a session that outlives its
     * connection is written; one that starts being written while it has state writes that state first.
     */
    private void journalAttached(long expiry) {
        if (!journals.enabled()) {
            return;
        }
        if (expiry == 0) {
            if (journal != SessionJournal.NONE) {
                journal.ended(); // ends with this connection now: nothing of it is read back after a restart
                useJournal(SessionJournal.NONE);
            }
            return;
        }
        if (journal != SessionJournal.NONE) {
            journal.attached(expiry);
            return;
        }
        SessionJournal opened = journals.open(clientId, incarnation);
        opened.attached(expiry);
        subscriptions.forEach((filter, subscription) -> opened.subscribed(filter, subscription.options(),
                subscription.subscriptionId()));
        for (OutboundWindow.Delivery delivery : outbound.held()) {
            opened.queued(delivery.seq(), delivery.publication(), delivery.route());
            if (delivery.packetId() != 0) {
                opened.sent(delivery.seq(), delivery.packetId());
                if (outbound.isReleased(delivery.packetId())) {
                    opened.released(delivery.seq(), delivery.packetId());
                }
            }
        }
        awaitingRelease.forEach(opened::awaitingRelease);
        useJournal(opened);
    }

    private void useJournal(SessionJournal value) {
        journal = value;
        outbound.journal(value);
    }

    // ---- restart (start-up thread, before any connection) ---------------------------------------------

    /**
     * Takes the state the broker's store read back; nothing else sees this session yet. Timers start in
     * {@link #resume}, once every session and retained message is back, so a will sent then reaches them all.
     */
    void restore(StoredSession stored) {
        useJournal(journals.open(clientId, incarnation));
        expirySeconds = stored.expirySeconds();
        stored.subscriptions().forEach((filter, subscription) -> {
            filters.add(filter);
            subscriptions.put(filter, subscription);
            router.restoreSubscription(this, filter, subscription.options(), subscription.subscriptionId());
        });
        outbound.restore(stored.messages());
        awaitingRelease.addAll(stored.awaitingRelease());
    }

    /**
     * Starts the expiry and will-delay timers of a restored session with what is left of them at
     * {@code nowMillis}; a session that stopped while its client was connected counts from now (its client's
     * will was never written, so none is sent). False when the session expired while the broker was down:
     * the caller ends it, which sends a waiting will.
     */
    boolean resume(StoredSession stored, long nowMillis) {
        boolean wasConnected = stored.awaySinceMillis() == StoredSession.CONNECTED;
        long elapsed = wasConnected ? 0 : Math.max(0, nowMillis - stored.awaySinceMillis());
        long expiryLeft = expirySeconds * 1000 - elapsed;
        pendingWill = stored.will();
        awaySinceMillis = wasConnected ? nowMillis : stored.awaySinceMillis();
        if (expiryLeft <= 0) {
            return false;
        }
        if (wasConnected) {
            journal.away(expirySeconds, awaySinceMillis, null);
        }
        if (pendingWill != null) {
            long willLeft = pendingWill.delaySeconds() * 1000 - elapsed;
            if (willLeft <= 0) {
                Will due = pendingWill;
                pendingWill = null;
                journal.away(expirySeconds, awaySinceMillis, null);
                publish(due);
            } else if (willLeft < expiryLeft) {
                willTimer = clock.setTimer(willLeft, () -> execute(this::willDelayPassed));
            }
        }
        expiryTimer = clock.setTimer(expiryLeft, () -> execute(this::expiryPassed));
        return true;
    }

    // ---- subscriptions and inbound QoS 2 (the connection, on this session's context) --------------------

    /** A subscription was granted; {@link #filters()} has its filter already (the quota is checked there). */
    public void subscribed(String filter, MqttSubscriptionOption options, int subscriptionId) {
        subscriptions.put(filter, new StoredSession.Subscription(options, subscriptionId));
        journal.subscribed(filter, options, subscriptionId);
    }

    /** A subscription was removed (or never existed). */
    public void unsubscribed(String filter) {
        filters.remove(filter);
        if (subscriptions.remove(filter) != null) {
            journal.unsubscribed(filter);
        }
    }

    /** An inbound QoS 2 message was routed; its PUBREL is awaited [MQTT-4.3.3-2]. */
    public void awaitRelease(int packetId) {
        if (awaitingRelease.add(packetId)) {
            journal.awaitingRelease(packetId);
        }
    }

    /** The QoS 2 flow of an inbound message ended (PUBREL, or a PUBREC with an error). */
    public void releaseInbound(int packetId) {
        if (awaitingRelease.remove(packetId)) {
            journal.releaseDone(packetId);
        }
    }

    private void publish(Will will) {
        if (will != null) {
            router.publish(will.publication(clock.nanoTime()));
        }
    }

    private void cancelTimers() {
        if (expiryTimer != NO_TIMER) {
            clock.cancelTimer(expiryTimer);
            expiryTimer = NO_TIMER;
        }
        if (willTimer != NO_TIMER) {
            clock.cancelTimer(willTimer);
            willTimer = NO_TIMER;
        }
    }

    // ---- state used by the connection, on this session's context -------------------------------------

    public OutboundFlow outbound() {
        return outbound;
    }

    public Set<String> filters() {
        return filters;
    }

    /** Inbound QoS 2 packet identifiers routed and awaiting PUBREL; change it through {@link #awaitRelease}. */
    public Set<Integer> awaitingRelease() {
        return awaitingRelease;
    }

    boolean isEnded() {
        return ended;
    }

    /** The broker's clock. */
    public BrokerClock clock() {
        return clock;
    }
}
