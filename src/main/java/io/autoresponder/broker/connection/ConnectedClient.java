package io.autoresponder.broker.connection;

import java.time.Instant;

/**
 * A connected client as an operator sees it.
 *
 * @param clientId         its client identifier (assigned by the broker when it sent none)
 * @param address          remote address and port
 * @param protocolVersion  4 for MQTT 3.1.1, 5 for MQTT 5.0
 * @param keepAliveSeconds keep-alive in force, 0 for none
 * @param connectedAt      when its CONNECT was accepted
 */
public record ConnectedClient(String clientId, String address, int protocolVersion, int keepAliveSeconds,
        Instant connectedAt) {
}
