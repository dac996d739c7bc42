package io.autoresponder.broker.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import io.autoresponder.broker.BrokerClock;
import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.BrokerMetrics;
import io.autoresponder.broker.connection.MqttConnection;
import io.autoresponder.broker.routing.Router;

/**
 * Sessions by client identifier, connected or not: at most {@code autoresponder.broker.max-sessions}. Every
 * change of who owns a session (a connection claims it, releases it, a clean start replaces it, expiry removes
 * it) happens under the map's lock for that client id, so a client coming back and its session expiring
 * can never both win.
 */
@ApplicationScoped
public class SessionStore {

    /** A session handed to a connecting client; {@code present} is CONNACK session present [MQTT-3.2.2-2]. */
    public record Opened(Session session, boolean present) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final BrokerClock clock;
    private final Router router;
    private final BrokerConfig config;
    private final BrokerMetrics metrics;
    private final QueuedBytes queuedBytes;
    private final SessionJournals journals;

    SessionStore(Vertx vertx, Router router, BrokerConfig config, BrokerMetrics metrics, BrokerClock clock,
            SessionJournals journals) {
        this.vertx = vertx;
        this.journals = journals;
        this.clock = clock;
        this.router = router;
        this.config = config;
        this.metrics = metrics;
        this.queuedBytes = new QueuedBytes(config.maxQueuedBytes());
    }

    /**
     * The session of {@code clientId} for {@code connection}, which now owns it: the existing one unless
     * {@code cleanStart} [MQTT-3.1.2-4] (a replaced session ends [MQTT-3.1.2-6]), else a new one on
     * {@code context}. Null when a new session would exceed {@code max-sessions}.
     */
    public Opened open(String clientId, boolean cleanStart, MqttConnection connection, Context context) {
        Session[] replaced = new Session[1];
        boolean[] present = new boolean[1];
        Session opened = sessions.compute(clientId, (id, existing) -> {
            if (existing != null && !cleanStart) {
                existing.claim(connection);
                present[0] = true;
                return existing;
            }
            if (existing == null && sessions.size() >= config.maxSessions()) {
                return null;
            }
            replaced[0] = existing;
            Session created = newSession(id, ThreadLocalRandom.current().nextLong(), context);
            created.claim(connection);
            return created;
        });
        if (replaced[0] != null) {
            replaced[0].end();
        }
        return opened == null ? null : new Opened(opened, present[0]);
    }

    private Session newSession(String clientId, long incarnation, Context context) {
        return new Session(clientId, incarnation, context, clock, this, router, config, metrics, queuedBytes, journals);
    }

    /**
     * Brings back the sessions the broker's store read at start, before any client connects; each goes to an
     * event loop of its own choosing (a client that resumes it moves it to its connection's). Sessions that
     * expired while the broker was down end, sending the wills they waited with. Returns the sessions kept.
     */
    public int restore(List<StoredSession> stored) {
        List<Session> restored = new ArrayList<>(stored.size());
        for (StoredSession image : stored) {
            Session session = newSession(image.clientId(), image.incarnation(), vertx.getOrCreateContext());
            session.restore(image);
            sessions.put(image.clientId(), session);
            restored.add(session);
        }
        long now = System.currentTimeMillis();
        int kept = 0;
        for (int i = 0; i < restored.size(); i++) {
            if (restored.get(i).resume(stored.get(i), now)) {
                kept++;
            } else {
                end(restored.get(i));
            }
        }
        return kept;
    }

    /** {@code connection} gives {@code session} up; false if another connection claimed it meanwhile. */
    boolean release(Session session, MqttConnection connection) {
        boolean[] released = new boolean[1];
        sessions.computeIfPresent(session.clientId(), (id, current) -> {
            released[0] = current == session && session.release(connection);
            return current;
        });
        return released[0];
    }

    /** Whether {@code session} is the one stored for its client id (not ended or replaced). */
    boolean holds(Session session) {
        return sessions.get(session.clientId()) == session;
    }

    /** Ends {@code session} now (session expiry interval 0, MQTT 3.1.1 clean session). */
    void end(Session session) {
        sessions.remove(session.clientId(), session);
        session.end();
    }

    /** Ends {@code session} if no client claimed it since its expiry timer started; whether it did. */
    boolean expire(Session session) {
        boolean[] expired = new boolean[1];
        sessions.computeIfPresent(session.clientId(), (id, current) -> {
            expired[0] = current == session && !session.isClaimed();
            return expired[0] ? null : current;
        });
        if (expired[0]) {
            metrics.sessionExpired();
            session.end();
        }
        return expired[0];
    }

    /** Whether a session of {@code clientId} is kept, connected or not. */
    public boolean contains(String clientId) {
        return sessions.containsKey(clientId);
    }

    /** Whether a session of {@code clientId} is kept and no connection has it (its client is away). */
    public boolean isAway(String clientId) {
        Session session = sessions.get(clientId);
        return session != null && !session.isClaimed();
    }

    /** Sessions stored, connected or not. */
    /** Bytes of QoS 1/2 messages held for clients, queued or in flight, over all sessions. */
    public long queuedBytes() {
        return queuedBytes.used();
    }

    public int size() {
        return sessions.size();
    }

    /** The broker's clock, for the connections and sessions of this store. */
    public BrokerClock clock() {
        return clock;
    }
}
