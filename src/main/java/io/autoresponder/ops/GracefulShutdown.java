package io.autoresponder.ops;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.autoresponder.connector.StockConnectorDisconnect;
import io.quarkus.runtime.ShutdownEvent;

/**
 * On shutdown (SIGTERM), before the connectors disconnect: stops taking new requests, then waits until every
 * request in flight is answered (its reply handed to the connection), at most
 * {@code autoresponder.shutdown.grace-period}; then disconnects from the broker (MQTT DISCONNECT). Requests that
 * arrive meanwhile stay with the broker (unacknowledged), for the next start of a persistent session.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    // Sending DISCONNECT takes one event-loop turn; this only bounds a stuck connection.
    private static final Duration DISCONNECT_LIMIT = Duration.ofSeconds(2);

    private final RequestIntake intake;
    private final StockConnectorDisconnect connections;
    private final Duration gracePeriod;

    GracefulShutdown(RequestIntake intake, StockConnectorDisconnect connections,
            @ConfigProperty(name = "autoresponder.shutdown.grace-period", defaultValue = "10s") Duration gracePeriod) {
        this.intake = intake;
        this.connections = connections;
        this.gracePeriod = gracePeriod;
    }

    // Before every other shutdown observer: the connectors and Vert.x must still run while replies go out.
    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 100) ShutdownEvent event)
            throws InterruptedException {
        intake.close();
        int pending = intake.inFlight();
        LOG.infof("Shutting down: no new requests taken; waiting up to %s for %d in flight", gracePeriod, pending);
        if (intake.awaitDrained(gracePeriod)) {
            LOG.infof("All requests in flight answered; %d arrived meanwhile and stay with the broker",
                    intake.turnedAway());
        } else {
            LOG.warnf("Grace period %s over with %d requests unfinished (autoresponder.shutdown.grace-period)",
                    gracePeriod, intake.inFlight());
        }
        if (connections.disconnect(DISCONNECT_LIMIT)) {
            LOG.info("Disconnected from the broker");
        } else {
            LOG.warnf("Still connected to the broker after %s; the connection is dropped on exit", DISCONNECT_LIMIT);
        }
    }
}
