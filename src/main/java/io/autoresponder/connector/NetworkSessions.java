package io.autoresponder.connector;

import java.time.Duration;

import io.autoresponder.connector.mqtt.MqttConnectorSessions;
import io.autoresponder.connector.stock.StockConnectorSessions;

/**
 * What a clean shutdown needs from a network connector's broker sessions: whether the responder's channels use
 * it, whether the broker keeps anything for this instance after it disconnected, leaving the request
 * subscriptions while the connection stays up (so a shared subscription hands new requests to the other
 * instances), and sending DISCONNECT. One per network connector: {@link StockConnectorSessions} for
 * {@code smallrye-mqtt}, {@link MqttConnectorSessions} for {@code autoresponder-mqtt}.
 */
public interface NetworkSessions {

    /** Whether any incoming channel uses this connector. */
    boolean inUse();

    /** Whether every incoming channel's session ends with its connection (nothing waits at the broker). */
    boolean cleanSessions();

    /** Unsubscribes every incoming channel; waits at most {@code limit} for the broker to confirm; returns whether it did. */
    boolean unsubscribe(Duration limit);

    /** Sends DISCONNECT on every connection; waits at most {@code limit}; returns whether all are closed. */
    boolean disconnect(Duration limit);
}
