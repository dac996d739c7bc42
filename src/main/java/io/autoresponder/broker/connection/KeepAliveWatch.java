package io.autoresponder.broker.connection;

import io.vertx.core.Context;
import io.vertx.core.Handler;

import io.autoresponder.broker.BrokerClock;
import io.autoresponder.broker.Confinement;

/**
 * Times a connection out after one and a half keep-alive periods without a packet from the client
 * [MQTT-3.1.2-24], for keep-alives the broker imposed ({@link KeepAlivePolicy#overridden()}); Vert.x watches the
 * ones clients chose. One timer per connection, re-armed for the remaining time rather than on every packet, so a
 * busy client costs a field write per packet. Used on the connection's event loop only.
 */
final class KeepAliveWatch {

    private final Context context;
    private final BrokerClock clock;
    private final long timeoutNanos;
    private final Runnable onTimeout;
    private long lastPacket;
    private long timer = -1;
    private boolean stopped;

    private KeepAliveWatch(Context context, BrokerClock clock, long timeoutNanos, Runnable onTimeout) {
        this.context = context;
        this.clock = clock;
        this.lastPacket = clock.nanoTime();
        this.timeoutNanos = timeoutNanos;
        this.onTimeout = onTimeout;
    }

    /**
     * A watch that runs {@code onTimeout} on the connection's {@code context} once the client is silent for 1.5 x
     * {@code policy}'s effective value.
     */
    static KeepAliveWatch start(Context context, BrokerClock clock, KeepAlivePolicy policy, Runnable onTimeout) {
        KeepAliveWatch watch = new KeepAliveWatch(context, clock, policy.effective() * 1_500_000_000L, onTimeout);
        if (policy.overridden() && policy.effective() > 0) {
            watch.schedule(watch.timeoutNanos);
        }
        return watch;
    }

    /** {@code handler}, noting that a packet arrived before it runs. */
    <T> Handler<T> watching(Handler<T> handler) {
        return value -> {
            lastPacket = clock.nanoTime();
            handler.handle(value);
        };
    }

    /** Stops watching (the connection closed). */
    void stop() {
        stopped = true;
        if (timer >= 0) {
            clock.cancelTimer(timer);
            timer = -1;
        }
    }

    private void schedule(long nanos) {
        timer = clock.setTimer(Math.max(1, nanos / 1_000_000), () -> {
            if (Confinement.isOn(context)) {
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
        long silent = clock.nanoTime() - lastPacket;
        if (silent >= timeoutNanos) {
            onTimeout.run();
        } else {
            schedule(timeoutNanos - silent);
        }
    }
}
