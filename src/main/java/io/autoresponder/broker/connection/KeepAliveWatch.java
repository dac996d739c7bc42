package io.autoresponder.broker.connection;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * Times a connection out after one and a half keep-alive periods without a packet from the client
 * [MQTT-3.1.2-24], for keep-alives the broker imposed ({@link KeepAlivePolicy#overridden()}); Vert.x watches the
 * ones clients chose. One timer per connection, re-armed for the remaining time rather than on every packet, so a
 * busy client costs a field write per packet. Used on the connection's event loop only.
 */
final class KeepAliveWatch {

    private final Context context;
    private final long timeoutNanos;
    private final Runnable onTimeout;
    private long lastPacket = System.nanoTime();
    private long timer = -1;
    private boolean stopped;

    private KeepAliveWatch(Context context, long timeoutNanos, Runnable onTimeout) {
        this.context = context;
        this.timeoutNanos = timeoutNanos;
        this.onTimeout = onTimeout;
    }

    /**
     * A watch that runs {@code onTimeout} on the connection's {@code context} once the client is silent for 1.5 x
     * {@code policy}'s effective value.
     */
    static KeepAliveWatch start(Context context, KeepAlivePolicy policy, Runnable onTimeout) {
        KeepAliveWatch watch = new KeepAliveWatch(context, policy.effective() * 1_500_000_000L, onTimeout);
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
        stopped = true;
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
    }

    private void schedule(long nanos) {
        timer = context.owner().setTimer(Math.max(1, nanos / 1_000_000), id -> {
            if (Vertx.currentContext() == context) {
                check();
            } else {
                context.runOnContext(v -> check());
            }
        });
    }

    private void check() {
        timer = -1;
        if (stopped) {
            return;
        }
        long silent = System.nanoTime() - lastPacket;
        if (silent >= timeoutNanos) {
            onTimeout.run();
        } else {
            schedule(timeoutNanos - silent);
        }
    }
}
