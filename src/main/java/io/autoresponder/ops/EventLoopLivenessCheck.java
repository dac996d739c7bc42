package io.autoresponder.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

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
            @ConfigProperty(name = "autoresponder.liveness.event-loop-timeout", defaultValue = "10s") Duration timeout) {
        List<EventExecutor> loops = new ArrayList<>();
        ((VertxInternal) vertx).getEventLoopGroup().forEach(loops::add);
        heartbeat = new EventLoopHeartbeat(loops, timeout, System::nanoTime);
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
