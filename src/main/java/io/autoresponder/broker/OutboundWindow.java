package io.autoresponder.broker;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * QoS 1/2 flow control towards one client: at most {@code maxInflight} unacknowledged messages (MQTT 5
 * receive maximum, section 4.9), the rest waiting in a bounded queue. Owns packet identifiers for outgoing
 * messages so an identifier is never reused while in flight [MQTT-2.3.1-4]. Used from one thread only.
 */
final class OutboundWindow {

    /** A message waiting to be sent, or in flight under {@code packetId}. */
    record Delivery(int packetId, Publication publication, MqttQoS qos) {
    }

    static final int MAX_PACKET_ID = 65_535;

    private final int maxInflight;
    private final int maxQueued;
    private final Map<Integer, Delivery> inflight = new HashMap<>();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private int lastPacketId;

    OutboundWindow(int maxInflight, int maxQueued) {
        this.maxInflight = Math.max(1, Math.min(maxInflight, MAX_PACKET_ID));
        this.maxQueued = maxQueued;
    }

    /** Queues a QoS 1/2 message; false when the queue is full and the message is dropped. */
    boolean offer(Publication publication, MqttQoS qos) {
        if (queue.size() >= maxQueued) {
            return false;
        }
        queue.add(new Delivery(0, publication, qos));
        return true;
    }

    /** The next message to send now with a fresh packet identifier, or null when the window is full or idle. */
    Delivery next() {
        if (inflight.size() >= maxInflight || queue.isEmpty()) {
            return null;
        }
        Delivery waiting = queue.poll();
        Delivery sending = new Delivery(nextFreePacketId(), waiting.publication(), waiting.qos());
        inflight.put(sending.packetId(), sending);
        return sending;
    }

    /** Completes the flow of {@code packetId} (PUBACK, or PUBCOMP for QoS 2); false if it was not in flight. */
    boolean complete(int packetId) {
        return inflight.remove(packetId) != null;
    }

    int inflightCount() {
        return inflight.size();
    }

    int queuedCount() {
        return queue.size();
    }

    private int nextFreePacketId() {
        // Terminates: fewer than MAX_PACKET_ID identifiers are ever in flight.
        do {
            lastPacketId = lastPacketId == MAX_PACKET_ID ? 1 : lastPacketId + 1;
        } while (inflight.containsKey(lastPacketId));
        return lastPacketId;
    }
}
