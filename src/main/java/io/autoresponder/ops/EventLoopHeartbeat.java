package io.autoresponder.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Tells whether every event loop still runs tasks: each beat submits a tiny task to every loop, and a loop
 * whose last task ran longer ago than the timeout is stuck (a handler blocking it, a deadlock). Everything
 * the service does for MQTT and HTTP runs on these loops, so a stuck loop is what liveness must catch.
 */
final class EventLoopHeartbeat {

    private final List<? extends Executor> loops;
    private final LongSupplier clock;
    private final long timeoutNanos;
    private final AtomicLongArray lastRan;

    EventLoopHeartbeat(List<? extends Executor> loops, Duration timeout, LongSupplier nanoClock) {
        this.loops = List.copyOf(loops);
        this.clock = nanoClock;
        this.timeoutNanos = timeout.toNanos();
        this.lastRan = new AtomicLongArray(loops.size());
        long now = nanoClock.getAsLong();
        for (int i = 0; i < loops.size(); i++) {
            lastRan.set(i, now);
        }
    }

    /** Submits one heartbeat task to every loop; a stuck loop queues at most one per beat. */
    void beat() {
        for (int i = 0; i < loops.size(); i++) {
            int index = i;
            loops.get(i).execute(() -> lastRan.set(index, clock.getAsLong()));
        }
    }

    /** Indexes of loops that have not run a heartbeat within the timeout. */
    List<Integer> stuckLoops() {
        long now = clock.getAsLong();
        List<Integer> stuck = new ArrayList<>();
        for (int i = 0; i < lastRan.length(); i++) {
            if (now - lastRan.get(i) > timeoutNanos) {
                stuck.add(i);
            }
        }
        return stuck;
    }

    int loopCount() {
        return loops.size();
    }
}
