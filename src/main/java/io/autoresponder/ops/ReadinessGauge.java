package io.autoresponder.ops;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.core.Vertx;

/**
 * {@code autoresponder_ready}: 1 while {@code /q/health/ready} is UP (broker listening, every channel connected
 * and subscribed), else 0; the same checks, run every {@link #REFRESH} on a Vert.x timer, so a scrape never waits
 * for them. Alerts read it: Prometheus' {@code up} only tells that the metrics endpoint answered.
 */
@ApplicationScoped
public class ReadinessGauge {

    /** How often readiness is checked for the gauge; the chart's readiness probe runs as often by default. */
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final Vertx vertx;
    private final SmallRyeHealthReporter health;
    private final AtomicInteger ready = new AtomicInteger();
    private volatile long timer = -1;

    ReadinessGauge(MeterRegistry registry, Vertx vertx, SmallRyeHealthReporter health) {
        this.registry = registry;
        this.vertx = vertx;
        this.health = health;
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("autoresponder.ready", ready, AtomicInteger::get).strongReference(true)
                .description("1 while the service is ready (GET /q/health/ready is UP), else 0; checked every 5 s")
                .register(registry);
        refresh();
        timer = vertx.setPeriodic(REFRESH.toMillis(), id -> refresh());
    }

    // A check run while the application shuts down would reach beans that are being destroyed.
    void onStop(@Observes ShutdownEvent event) {
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
        ready.set(0);
    }

    private void refresh() {
        health.getReadinessAsync().subscribe().with(readiness -> ready.set(readiness.isDown() ? 0 : 1),
                failure -> ready.set(0));
    }
}
