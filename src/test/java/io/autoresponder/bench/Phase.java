package io.autoresponder.bench;

import java.time.Duration;

/** Warm-up, then the measured interval, then stop: one clock shared by all lanes, started once all connected. */
final class Phase {

    private final Duration warmup;
    private final Duration duration;
    private volatile long measureFrom;
    private volatile long stopAt;

    Phase(Duration warmup, Duration duration) {
        this.warmup = warmup;
        this.duration = duration;
    }

    void start(long nowNanos) {
        measureFrom = nowNanos + warmup.toNanos();
        stopAt = measureFrom + duration.toNanos();
    }

    boolean measuring(long nanos) {
        return nanos - measureFrom >= 0 && nanos - stopAt < 0;
    }

    boolean stopped() {
        return System.nanoTime() - stopAt >= 0;
    }
}
