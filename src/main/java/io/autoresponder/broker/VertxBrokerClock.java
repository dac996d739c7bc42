package io.autoresponder.broker;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * The real clock: {@link System#nanoTime()} and Vert.x timers, which run on the context that set them. A singleton,
 * not application scoped: it is read several times per message, and a client proxy would look it up each time.
 */
@Singleton
@DefaultBean
public class VertxBrokerClock implements BrokerClock {

    private final Vertx vertx;
    /**
     * Set when the application shuts down: a session's expiry or will delay that comes due then would reach into
     * beans that are gone. Nothing is lost: with persistence on, the next start counts the time the broker was down.
     */
    private volatile boolean stopped;

    VertxBrokerClock(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long setTimer(long delayMillis, Runnable action) {
        return vertx.setTimer(Math.max(1, delayMillis), id -> {
            if (!stopped) {
                action.run();
            }
        });
    }

    @Override
    public void cancelTimer(long id) {
        vertx.cancelTimer(id);
    }

    // Before the broker's own shutdown observer closes connections and the store.
    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopped = true;
    }
}
