package io.autoresponder.broker.session;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.handler.codec.mqtt.MqttSubscriptionOption;

import io.autoresponder.broker.connection.Will;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;

/**
 * A session as the broker's store read it back at start.
 *
 * @param awaySinceMillis when its client went away (epoch milliseconds), or {@link #CONNECTED} when the broker
 *                        stopped while the client was connected: its expiry then counts from the start
 * @param will            the will waiting for its delay, or null
 * @param messages        queued and in-flight messages, in the order they were queued
 */
public record StoredSession(String clientId, long incarnation, long expirySeconds, long awaySinceMillis, Will will,
        Map<String, Subscription> subscriptions, List<Message> messages, Set<Integer> awaitingRelease) {

    public static final long CONNECTED = -1;

    /** One subscription of the session. */
    public record Subscription(MqttSubscriptionOption options, int subscriptionId) {
    }

    /**
     * One message for the session.
     *
     * @param packetId 0 while queued, else the identifier it was sent under
     * @param released whether its QoS 2 PUBREC arrived (PUBREL is re-sent, not the message)
     */
    public record Message(long seq, Publication publication, Route route, int packetId, boolean released) {
    }
}
