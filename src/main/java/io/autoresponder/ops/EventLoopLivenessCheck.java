package io.autoresponder.ops;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.vertx.core.Vertx;

import io.autoresponder.compat.VertxEventLoops;

/**
 * Liveness fails only when the process is stuck: an event loop has not run a heartbeat task for
 * {@code autoresponder.liveness.event-loop-timeout}. A broker that is away is a readiness matter, never a
 * reason for Kubernetes to restart the pod.
 */
@Liveness
@ApplicationScoped
public class EventLoopLivenessCheck implements HealthCheck {

    private static final long BEAT_MILLIS = 1_000;

    private final EventLoopHeartbeat heartbeat;
    private final ScheduledExecutorService beats;

    EventLoopLivenessCheck(Vertx vertx,
            LivenessConfig config) {
        heartbeat = new EventLoopHeartbeat(VertxEventLoops.of(vertx), config.eventLoopTimeout(), System::nanoTime);
        beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-loop-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        beats.scheduleAtFixedRate(heartbeat::beat, 0, BEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public HealthCheckResponse call() {
        List<Integer> stuck = heartbeat.stuckLoops();
        return HealthCheckResponse.named("event-loops").status(stuck.isEmpty())
                .withData("loops", heartbeat.loopCount()).withData("stuck", stuck.toString()).build();
    }

    @PreDestroy
    void stop() {
        beats.shutdownNow();
    }
}
