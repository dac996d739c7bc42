package io.autoresponder.broker.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.handler.codec.mqtt.MqttQoS;

import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;
import io.autoresponder.broker.routing.SharedGroup;

/**
 * QoS 1/2 flow control towards one session: at most {@code maxInflight} unacknowledged messages (MQTT 5
 * receive maximum, section 4.9), the rest waiting in a bounded queue. Owns packet identifiers for outgoing
 * messages so an identifier is never reused while in flight [MQTT-2.3.1-4], and remembers which QoS 2 flows
 * got their PUBREC, so a reconnecting client gets PUBREL for those and PUBLISH for the others
 * [MQTT-4.4.0-1]. Used from one thread at a time (the session's).
 */
public final class OutboundWindow {

    /**
     * A message waiting to be sent, or in flight under {@code packetId}.
     *
     * @param route its QoS, shared group and subscription identifiers
     */
    record Delivery(long seq, int packetId, Publication publication, Route route) {

        MqttQoS qos() {
            return route.qos();
        }

        /** The shared group that chose this session, or null; an unreceived message goes back to it. */
        SharedGroup via() {
            return route.via();
        }
    }

    public static final int MAX_PACKET_ID = 65_535;

    private int maxInflight;
    private final int maxQueued;
    private final QueuedBytes budget;
    /** In the order they were sent, which is the order they are re-sent in. */
    private final Map<Integer, Delivery> inflight = new LinkedHashMap<>();
    /** QoS 2 packet identifiers whose PUBREC arrived: only PUBREL/PUBCOMP remain. */
    private final Set<Integer> released = new HashSet<>();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private int lastPacketId;
    /** Numbers the messages of this session for its journal; never reused. */
    private long lastSeq;
    private SessionJournal journal = SessionJournal.NONE;

    OutboundWindow(int maxInflight, int maxQueued) {
        this(maxInflight, maxQueued, QueuedBytes.unlimited());
    }

    /** A window whose queued and in-flight messages count against {@code budget} until they leave it. */
    OutboundWindow(int maxInflight, int maxQueued, QueuedBytes budget) {
        this.maxInflight = clamp(maxInflight);
        this.maxQueued = maxQueued;
        this.budget = budget;
    }

    /** Where changes are written from now on. */
    void journal(SessionJournal value) {
        journal = value;
    }

    /** Changes the window, e.g. for the receive maximum of a client that resumes the session. */
    void resize(int value) {
        maxInflight = clamp(value);
    }

    /** Queues a QoS 1/2 message; false when the queue is full and the message is dropped. */
    boolean offer(Publication publication, MqttQoS qos) {
        return offer(publication, Route.of(qos));
    }

    /**
     * Queues a QoS 1/2 message routed as {@code route}; false when the queue is full, or the broker's byte budget
     * is spent, and it is dropped.
     */
    boolean offer(Publication publication, Route route) {
        if (queue.size() >= maxQueued || !budget.reserve(QueuedBytes.sizeOf(publication))) {
            return false;
        }
        long seq = ++lastSeq;
        if (!journal.queued(seq, publication, route)) {
            budget.release(QueuedBytes.sizeOf(publication));
            return false;
        }
        queue.add(new Delivery(seq, 0, publication, route));
        return true;
    }

    /**
     * Messages read back from the broker's store, in the order they were queued: those sent before go back in
     * flight under their packet identifiers (the client may hold their QoS 2 state), the others into the queue.
     * They count against the budget, whatever it says: they were accepted before.
     */
    void restore(List<StoredSession.Message> messages) {
        for (StoredSession.Message message : messages) {
            budget.force(QueuedBytes.sizeOf(message.publication()));
            lastSeq = Math.max(lastSeq, message.seq());
            if (message.packetId() != 0 && !inflight.containsKey(message.packetId())) {
                inflight.put(message.packetId(),
                        new Delivery(message.seq(), message.packetId(), message.publication(), message.route()));
                if (message.released()) {
                    released.add(message.packetId());
                }
            } else {
                queue.add(new Delivery(message.seq(), 0, message.publication(), message.route()));
            }
        }
    }

    /** Everything held, for a journal that starts on a session that has state already. */
    List<Delivery> held() {
        List<Delivery> all = new ArrayList<>(inflight.values());
        all.addAll(queue);
        return all;
    }

    /** The next message to send now with a fresh packet identifier, or null when the window is full or idle. */
    Delivery next() {
        if (inflight.size() >= maxInflight || queue.isEmpty()) {
            return null;
        }
        Delivery waiting = queue.poll();
        Delivery sending = new Delivery(waiting.seq(), nextFreePacketId(), waiting.publication(), waiting.route());
        inflight.put(sending.packetId(), sending);
        journal.sent(sending.seq(), sending.packetId());
        return sending;
    }

    /** PUBREC for a QoS 2 message in flight; false if {@code packetId} is not in flight. */
    boolean release(int packetId) {
        Delivery delivery = inflight.get(packetId);
        if (delivery == null) {
            return false;
        }
        if (released.add(packetId)) {
            journal.released(delivery.seq(), packetId);
        }
        return true;
    }

    /** Whether {@code packetId} is in flight and its PUBREC arrived. */
    boolean isReleased(int packetId) {
        return released.contains(packetId);
    }

    /** Completes the flow of {@code packetId} (PUBACK, or PUBCOMP for QoS 2); false if it was not in flight. */
    boolean complete(int packetId) {
        released.remove(packetId);
        Delivery done = inflight.remove(packetId);
        if (done == null) {
            return false;
        }
        budget.release(QueuedBytes.sizeOf(done.publication()));
        journal.done(done.seq());
        return true;
    }

    /** The messages in flight, oldest first. */
    List<Delivery> inflight() {
        return new ArrayList<>(inflight.values());
    }

    /**
     * Empties the window and returns what the client has not received for sure: messages in flight without
     * PUBREC, then the queue. QoS 2 messages past PUBREC are with the client already and are left out.
     */
    List<Delivery> drainUnreceived() {
        List<Delivery> unreceived = new ArrayList<>(inflight.size() + queue.size());
        for (Delivery delivery : inflight.values()) {
            if (!released.contains(delivery.packetId())) {
                unreceived.add(delivery);
            }
        }
        unreceived.addAll(queue);
        for (Delivery delivery : inflight.values()) {
            budget.release(QueuedBytes.sizeOf(delivery.publication()));
        }
        for (Delivery delivery : queue) {
            budget.release(QueuedBytes.sizeOf(delivery.publication()));
        }
        inflight.clear();
        released.clear();
        queue.clear();
        return unreceived;
    }

    int inflightCount() {
        return inflight.size();
    }

    int queuedCount() {
        return queue.size();
    }

    private static int clamp(int value) {
        return Math.max(1, Math.min(value, MAX_PACKET_ID));
    }

    private int nextFreePacketId() {
        // Terminates: fewer than MAX_PACKET_ID identifiers are ever in flight.
        do {
            lastPacketId = lastPacketId == MAX_PACKET_ID ? 1 : lastPacketId + 1;
        } while (inflight.containsKey(lastPacketId));
        return lastPacketId;
    }
}
