package io.autoresponder.broker;

import java.util.Locale;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

import io.autoresponder.broker.connection.ConnectionRegistry;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.broker.session.SessionStore;

/**
 * Broker meters exported under {@code autoresponder_broker_*}. Tags take values from fixed sets only (CONNACK
 * reason codes): client identifiers and topics are unbounded and never become tags.
 */
// @Singleton, not @ApplicationScoped: called for every message, and a client proxy looks its instance up on each call
// (5% of the in-process service's samples went to those look-ups).
@Singleton
public class BrokerMetrics {

    private static final String REFUSED_PREFIX = "CONNECTION_REFUSED_";
    /** How Vert.x reports the CONNECT it refuses itself; no exception type or code tells it apart. */
    private static final String VERTX_EMPTY_ID_REFUSAL = "With zero-length client-id, clean session MUST be true";

    private final MeterRegistry registry;
    private final ConnectionRegistry connections;
    private final Counter received;
    private final Counter sent;
    private final Counter payloadReceived;
    private final Counter payloadSent;
    private final Counter dropped;
    private final Counter retainedRefused;
    private final Counter sessionsExpired;
    private final Counter handedOver;
    private final Counter accepted;

    /** Why a message for a session whose client is away was not kept (tag {@code reason}). */
    public enum OfflineDrop {
        /** The session's queue ({@code max-queued-messages}) is full: the newest message is dropped. */
        QUEUE_FULL,
        /** QoS 0 messages are not queued for a client that is away (MQTT allows dropping them). */
        QOS0
    }

    // The router is looked up when a gauge is read: Router and BrokerMetrics need each other, and neither has a client
    // proxy that would resolve the cycle lazily.
    BrokerMetrics(MeterRegistry registry, Provider<Router> routers, SessionStore sessions,
            ConnectionRegistry connections, BrokerConfig config) {
        this.registry = registry;
        this.connections = connections;
        // Strong references: a gauge on a weakly held proxy could silently turn into NaN after a GC.
        // Read from the registry of open connections, not counted up and down, so it cannot drift from them.
        Gauge.builder("autoresponder.broker.connections", connections, ConnectionRegistry::size).strongReference(true)
                .description("Clients connected over the network (CONNECT accepted, connection open)").register(registry);
        Gauge.builder("autoresponder.broker.subscriptions", routers, r -> r.get().subscriptionCount()).strongReference(true)
                .description("Subscriptions held by the broker (one per client and topic filter)").register(registry);
        Gauge.builder("autoresponder.broker.retained.messages", routers, r -> r.get().retainedCount()).strongReference(true)
                .description("Retained messages stored (one per topic)").register(registry);
        Gauge.builder("autoresponder.broker.sessions", sessions, SessionStore::size).strongReference(true)
                .description("Sessions kept by the broker, of connected clients and of clients away").register(registry);
        Gauge.builder("autoresponder.broker.queued.bytes", sessions, SessionStore::queuedBytes).strongReference(true)
                .description("Bytes of QoS 1/2 messages held for clients, queued or in flight (max-queued-bytes)")
                .register(registry);
        // The budget next to its use, so a dashboard or an alert compares the two without knowing the configuration.
        Gauge.builder("autoresponder.broker.queued.bytes.max", config, BrokerConfig::maxQueuedBytes)
                .strongReference(true).description("Budget of autoresponder_broker_queued_bytes (max-queued-bytes)")
                .register(registry);
        accepted = Counter.builder("autoresponder.broker.connections.accepted")
                .description("CONNECT packets accepted (CONNACK success): with connections_refused_total, the rate "
                        + "clients connect at; far above the number of connections, clients keep reconnecting")
                .register(registry);
        sessionsExpired = Counter.builder("autoresponder.broker.sessions.expired")
                .description("Sessions removed because their client stayed away longer than the session expiry")
                .register(registry);
        handedOver = Counter.builder("autoresponder.broker.shared.handed.over")
                .description("Shared-subscription messages given to another group member because the session they "
                        + "were sent to ended unacknowledged")
                .register(registry);
        received = Counter.builder("autoresponder.broker.messages.received")
                .description("PUBLISH packets accepted from clients and in-process publishers").register(registry);
        sent = Counter.builder("autoresponder.broker.messages.sent")
                .description("PUBLISH packets written to clients").register(registry);
        payloadReceived = Counter.builder("autoresponder.broker.payload.received").baseUnit("bytes")
                .description("Payload bytes of PUBLISH packets accepted from network clients").register(registry);
        payloadSent = Counter.builder("autoresponder.broker.payload.sent").baseUnit("bytes")
                .description("Payload bytes of PUBLISH packets written to network clients").register(registry);
        dropped = Counter.builder("autoresponder.broker.messages.dropped")
                .description("Messages dropped before reaching a client: its queue was full, they expired, they exceeded "
                        + "its maximum packet size, or their session ended").register(registry);
        retainedRefused = Counter.builder("autoresponder.broker.retained.refused")
                .description("Retained messages not stored because the retained store was full").register(registry);
    }

    long receivedCount() {
        return (long) received.count();
    }

    long sentCount() {
        return (long) sent.count();
    }

    int connectionCount() {
        return connections.size();
    }

    /** A CONNECT answered with a successful CONNACK. */
    public void accepted() {
        accepted.increment();
    }

    /** A CONNECT answered with a refusing CONNACK; the reason is a protocol enum, so the tag stays bounded. */
    public void refused(MqttConnectReturnCode reason) {
        Counter.builder("autoresponder.broker.connections.refused")
                .description("CONNECT packets refused, by CONNACK reason").tag("reason", reasonTag(reason))
                .register(registry).increment();
    }

    /**
     * A failure the MQTT listener reports outside the broker's own CONNECT handling. Vert.x refuses an empty
     * client id without clean session before the broker sees the CONNECT (CONNACK 0x02, or 0x85 in MQTT 5) and
     * tells only through this failure; it is counted as {@code identifier_rejected}. Other failures are no
     * refusals. (Vert.x's refusal of an unknown protocol level reaches no handler and is not counted.)
     */
    void listenerFailure(Throwable failure) {
        if (failure.getMessage() != null && failure.getMessage().startsWith(VERTX_EMPTY_ID_REFUSAL)) {
            refused(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
        }
    }

    public void received() {
        received.increment();
    }

    public void payloadReceived(int bytes) {
        payloadReceived.increment(bytes);
    }

    public void sent(int payloadBytes) {
        sent.increment();
        payloadSent.increment(payloadBytes);
    }

    public void dropped() {
        dropped.increment();
    }

    public void sessionExpired() {
        sessionsExpired.increment();
    }

    public void handedOver() {
        handedOver.increment();
    }

    /** A message for a session whose client is away, not kept; also counted in the messages dropped if the queue was full. */
    public void offlineDropped(OfflineDrop reason) {
        Counter.builder("autoresponder.broker.offline.dropped")
                .description("Messages not kept for sessions whose client is away, by reason")
                .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    public void retainedRefused() {
        retainedRefused.increment();
    }

    /**
     * An action the ACL refused: {@code publish} (PUBLISH dropped), {@code subscribe} (SUBACK failure),
     * {@code will} (CONNECT refused for its will topic) or {@code receive} (a message not delivered to a client).
     */
    public void aclDenied(String action) {
        Counter.builder("autoresponder.broker.acl.denied")
                .description("Actions refused by the ACL (autoresponder.broker.acl.*), by action").tag("action", action)
                .register(registry).increment();
    }

    /** {@code CONNECTION_REFUSED_IDENTIFIER_REJECTED} becomes {@code identifier_rejected}. */
    static String reasonTag(MqttConnectReturnCode reason) {
        String name = reason.name();
        if (name.startsWith(REFUSED_PREFIX)) {
            name = name.substring(REFUSED_PREFIX.length());
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
