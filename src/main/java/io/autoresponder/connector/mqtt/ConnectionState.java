package io.autoresponder.connector.mqtt;

/**
 * Where a {@link SharedMqttClient}'s connection to the broker stands. Only {@link #CONNECTED} lets channels be
 * ready; every other state reports them DOWN.
 */
enum ConnectionState {
    /** Not connected and not trying: before the first channel starts it, and after a clean shutdown. */
    DISCONNECTED,
    /** A CONNECT is under way, or the next attempt is scheduled (capped exponential backoff with jitter). */
    CONNECTING,
    /** CONNACK received; channels subscribe (again) now. */
    CONNECTED,
    /** Shutting down: DISCONNECT sent, no reconnect follows. */
    DISCONNECTING
}
