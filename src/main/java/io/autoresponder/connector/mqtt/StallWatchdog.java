package io.autoresponder.connector.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.Vertx;

/**
 * Looks at every watched incoming channel's progress ({@link MqttInboundChannel#watch}) on one Vert.x timer, a
 * quarter of the shortest stall timeout apart (50 ms to 1 s), so a stall is seen at most that much late. The
 * timer runs on an event loop of its own choosing, never on an MQTT client's thread, so it still runs when a
 * connection's thread is the one that is stuck.
 */
final class StallWatchdog {

    private static final Duration FASTEST = Duration.ofMillis(50);
    private static final Duration SLOWEST = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final List<MqttInboundChannel> channels = new CopyOnWriteArrayList<>();
    private Duration interval = SLOWEST;
    private long timer = -1;
    private boolean stopped;

    StallWatchdog(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Watches {@code channel} from now on; its stall timeout is positive. */
    synchronized void watch(MqttInboundChannel channel, Duration stallTimeout) {
        if (stopped) {
            return;
        }
        channels.add(channel);
        Duration wanted = clamp(stallTimeout.dividedBy(4));
        if (timer == -1 || wanted.compareTo(interval) < 0) {
            if (timer != -1) {
                vertx.cancelTimer(timer);
            }
            interval = wanted;
            timer = vertx.setPeriodic(interval.toMillis(), id -> check());
        }
    }

    synchronized void stop() {
        stopped = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void check() {
        long now = System.nanoTime();
        channels.forEach(channel -> channel.watch(now));
    }

    private static Duration clamp(Duration wanted) {
        return wanted.compareTo(FASTEST) < 0 ? FASTEST : wanted.compareTo(SLOWEST) > 0 ? SLOWEST : wanted;
    }
}
