package io.autoresponder.ops;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

import io.autoresponder.connector.NetworkSessions;
import io.autoresponder.connector.mqtt.MqttConnectorSessions;
import io.autoresponder.connector.stock.StockConnectorSessions;
import io.autoresponder.responder.pipeline.RequestIntake;

/**
 * On shutdown (SIGTERM), before the connectors close: stops taking new requests, answers those already taken,
 * at most {@code autoresponder.shutdown.grace-period} in all, then disconnects from the broker (DISCONNECT).
 * How it stops taking requests depends on what the broker keeps for this instance:
 * <ul>
 * <li>a clean session (the default) keeps nothing: the instance unsubscribes, so the broker gives new requests
 * to the other instances of a shared subscription, and answers everything the broker had already sent it, until
 * {@code autoresponder.shutdown.quiet-period} passes without a request;</li>
 * <li>a persistent session (fixed client id, {@code auto-clean-session=false}) keeps its subscription and queue:
 * requests arriving now are left unacknowledged, and the broker delivers them again when the instance is back.</li>
 * </ul>
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);
    // Unsubscribing and sending DISCONNECT take one round trip each; this only bounds a stuck connection.
    private static final Duration BROKER_LIMIT = Duration.ofSeconds(2);

    private final RequestIntake intake;
    private final List<NetworkSessions> connectors;
    private final Duration gracePeriod;
    private final Duration quietPeriod;

    GracefulShutdown(RequestIntake intake, StockConnectorSessions stock, MqttConnectorSessions ours,
            ShutdownConfig config) {
        this.intake = intake;
        this.connectors = List.of(ours, stock);
        this.gracePeriod = config.gracePeriod();
        this.quietPeriod = config.quietPeriod();
    }

    // Before every other shutdown observer: the connectors and Vert.x must still run while replies go out.
    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 100) ShutdownEvent event)
            throws InterruptedException {
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        NetworkSessions sessions = connectors.stream().filter(NetworkSessions::inUse).findFirst().orElse(null);
        boolean network = sessions != null;
        if (network && sessions.cleanSessions()) {
            sessions.unsubscribe(BROKER_LIMIT);
            LOG.infof("Shutting down: unsubscribed, answering the %d requests in flight and those the broker had "
                    + "already sent, for at most %s", intake.inFlight(), gracePeriod);
            intake.awaitQuiet(quietPeriod, remaining(deadline));
        } else {
            LOG.infof("Shutting down: no new requests taken; waiting up to %s for %d in flight", gracePeriod,
                    intake.inFlight());
        }
        intake.close();
        if (intake.awaitDrained(remaining(deadline))) {
            LOG.infof("All requests in flight answered; %d arrived meanwhile and stay with the broker",
                    intake.turnedAway());
        } else {
            LOG.warnf("Grace period %s over with %d requests unfinished (autoresponder.shutdown.grace-period)",
                    gracePeriod, intake.inFlight());
        }
        if (network) {
            if (sessions.disconnect(BROKER_LIMIT)) {
                LOG.info("Disconnected from the broker");
            } else {
                LOG.warnf("Still connected to the broker after %s; the connection is dropped on exit", BROKER_LIMIT);
            }
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
