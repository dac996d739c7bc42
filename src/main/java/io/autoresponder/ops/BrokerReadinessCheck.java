package io.autoresponder.ops;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.autoresponder.broker.EmbeddedBroker;
import io.autoresponder.broker.connection.ConnectionRegistry;

/**
 * Ready only while the embedded broker accepts connections on every enabled listener (plain TCP, TLS,
 * WebSocket); each shows with its port. The responder channels report their own readiness (connected and
 * subscribed) through Quarkus Messaging's health checks.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    private final EmbeddedBroker broker;
    private final ConnectionRegistry connections;

    BrokerReadinessCheck(EmbeddedBroker broker, ConnectionRegistry connections) {
        this.broker = broker;
        this.connections = connections;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("embedded-mqtt-broker");
        if (!broker.isEnabled()) {
            return response.up().withData("mode", "external").build();
        }
        Map<String, Integer> listeners = broker.listenerPorts();
        boolean allBound = broker.isListening() && listeners.values().stream().allMatch(port -> port > 0);
        listeners.forEach((name, port) -> response.withData("listener." + name, port)); // -1 while not bound
        if (!allBound) {
            return response.down().withData("listening", false).build();
        }
        response.withData("listening", true).withData("connections", connections.size());
        if (listeners.containsKey("tcp")) {
            response.withData("port", broker.port());
        }
        return response.up().build();
    }
}
