package io.autoresponder.broker.connection;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Live connections by client identifier; a second connection with the same identifier takes over. */
@ApplicationScoped
public class ConnectionRegistry {

    private final Map<String, MqttConnection> byClientId = new ConcurrentHashMap<>();

    /** Registers {@code connection}; an earlier connection with its client id is closed [MQTT-3.1.4-2]. */
    void register(MqttConnection connection) {
        MqttConnection previous = byClientId.put(connection.clientId(), connection);
        if (previous != null && previous != connection) {
            previous.takenOver();
        }
    }

    void remove(MqttConnection connection) {
        byClientId.remove(connection.clientId(), connection);
    }

    /** Number of connected clients. */
    public int size() {
        return byClientId.size();
    }

    /** Up to {@code limit} connected clients, longest connected first. */
    public List<ConnectedClient> clients(int limit) {
        return byClientId.values().stream().map(MqttConnection::describe)
                .sorted(Comparator.comparing(ConnectedClient::connectedAt).thenComparing(ConnectedClient::clientId))
                .limit(limit).toList();
    }

    /** Closes every connection (broker shutdown). */
    public void closeAll() {
        byClientId.values().forEach(MqttConnection::shutdown);
    }
}
