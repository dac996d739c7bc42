package io.autoresponder.broker;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * Times a connection out after one and a half keep-alive periods without a packet from the client
 * [MQTT-3.1.2-24], for keep-alives the broker imposed ({@link KeepAlivePolicy#overridden()}); Vert.x watches the
 * ones clients chose. One timer per connection, re-armed for the remaining time rather than on every packet, so a
 * busy client costs a field write per packet. Used on the connection's event loop only.
 */
final class KeepAliveWatch {

    private final Vertx vertx;
    private final long timeoutNanos;
    private final Runnable onTimeout;
    private long lastPacket = System.nanoTime();
    private long timer = -1;

    private KeepAliveWatch(Vertx vertx, long timeoutNanos, Runnable onTimeout) {
        this.vertx = vertx;
        this.timeoutNanos = timeoutNanos;
        this.onTimeout = onTimeout;
    }

    /** A watch that runs {@code onTimeout} once the client is silent for 1.5 x {@code policy}'s effective value. */
    static KeepAliveWatch start(Vertx vertx, KeepAlivePolicy policy, Runnable onTimeout) {
        KeepAliveWatch watch = new KeepAliveWatch(vertx, policy.effective() * 1_500_000_000L, onTimeout);
        if (policy.overridden() && policy.effective() > 0) {
            watch.schedule(watch.timeoutNanos);
        }
        return watch;
    }

    /** {@code handler}, noting that a packet arrived before it runs. */
    <T> Handler<T> watching(Handler<T> handler) {
        return value -> {
            lastPacket = System.nanoTime();
            handler.handle(value);
        };
    }

    /** Stops watching (the connection closed). */
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void schedule(long nanos) {
        timer = vertx.setTimer(Math.max(1, nanos / 1_000_000), id -> check());
    }

    private void check() {
        timer = -1;
        long silent = System.nanoTime() - lastPacket;
        if (silent >= timeoutNanos) {
            onTimeout.run();
        } else {
            schedule(timeoutNanos - silent);
        }
    }
}
