package io.autoresponder.broker.session;

import io.netty.handler.codec.mqtt.MqttSubscriptionOption;

import io.autoresponder.broker.connection.Will;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;

/**
 * Where one session writes what must survive a restart of the broker, change by change, in the order the session
 * makes them (always on its context). {@link #NONE} when persistence is off or the session ends with its connection.
 */
public interface SessionJournal {

    /** Writes nothing; {@link #queued} always accepts. */
    SessionJournal NONE = new SessionJournal() {
    };

    /** The session is (again) held for a client, with this expiry; a will it waited with is gone. */
    default void attached(long expirySeconds) {
    }

    /** The client went away at {@code awaySinceMillis} (epoch); {@code will} waits for its delay, or null. */
    default void away(long expirySeconds, long awaySinceMillis, Will will) {
    }

    /** The session ended: everything it wrote is dead. */
    default void ended() {
    }

    default void subscribed(String filter, MqttSubscriptionOption options, int subscriptionId) {
    }

    default void unsubscribed(String filter) {
    }

    /** A QoS 1/2 message queued as number {@code seq}; false when the store is full (the message is not kept). */
    default boolean queued(long seq, Publication publication, Route route) {
        return true;
    }

    /** Message {@code seq} was sent under {@code packetId}. */
    default void sent(long seq, int packetId) {
    }

    /** PUBREC arrived for QoS 2 message {@code seq}: a resumed session sends PUBREL, not the message. */
    default void released(long seq, int packetId) {
    }

    /** Message {@code seq} left the session (acknowledged, expired). */
    default void done(long seq) {
    }

    /** An inbound QoS 2 message was routed and its PUBREL is awaited. */
    default void awaitingRelease(int packetId) {
    }

    /** PUBREL arrived for an inbound QoS 2 message (or its flow ended). */
    default void releaseDone(int packetId) {
    }
}
