package io.autoresponder.ops;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.Vertx;

/**
 * Says in the log when the service is ready (broker listening, every channel connected and subscribed),
 * using the same checks as {@code /q/health/ready}; warns if that takes longer than the configured wait.
 */
@ApplicationScoped
public class ReadinessLog {

    private static final Logger LOG = Logger.getLogger(ReadinessLog.class);
    private static final long POLL_MILLIS = 100;

    private final Vertx vertx;
    private final SmallRyeHealthReporter health;
    private final Duration wait;

    ReadinessLog(Vertx vertx, SmallRyeHealthReporter health,
            StartupConfig config) {
        this.vertx = vertx;
        this.health = health;
        this.wait = config.readyWait();
    }

    void onStart(@Observes StartupEvent event) {
        poll(System.nanoTime() + wait.toNanos());
    }

    private void poll(long deadlineNanos) {
        vertx.setTimer(POLL_MILLIS, id -> health.getReadinessAsync().subscribe().with(readiness -> {
            if (!readiness.isDown()) {
                LOG.info("Responder ready: broker listening and all channels connected (GET /q/health/ready)");
            } else if (System.nanoTime() - deadlineNanos >= 0) {
                LOG.warnf("Not ready after %s: %s", wait, readiness.getPayload());
            } else {
                poll(deadlineNanos);
            }
        }, failure -> LOG.warnf("Readiness check failed: %s", failure)));
    }
}
