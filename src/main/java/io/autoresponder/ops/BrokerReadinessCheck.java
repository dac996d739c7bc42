package io.autoresponder.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.autoresponder.broker.ConnectionRegistry;
import io.autoresponder.broker.EmbeddedBroker;

/**
 * Ready only while the embedded broker accepts connections. The responder channels report their own
 * readiness (connected and subscribed) through Quarkus Messaging's health checks.
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
        if (!broker.isListening()) {
            return response.down().withData("listening", false).build();
        }
        return response.up().withData("listening", true).withData("port", broker.port())
                .withData("connections", connections.size()).build();
    }
}
