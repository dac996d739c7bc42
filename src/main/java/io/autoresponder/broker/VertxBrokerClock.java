package io.autoresponder.broker;

import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.vertx.core.Vertx;

/**
 * The real clock: {@link System#nanoTime()} and Vert.x timers, which run on the context that set them. A singleton,
 * not application scoped: it is read several times per message, and a client proxy would look it up each time.
 */
@Singleton
@DefaultBean
public class VertxBrokerClock implements BrokerClock {

    private final Vertx vertx;

    VertxBrokerClock(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long setTimer(long delayMillis, Runnable action) {
        return vertx.setTimer(Math.max(1, delayMillis), id -> action.run());
    }

    @Override
    public void cancelTimer(long id) {
        vertx.cancelTimer(id);
    }
}
