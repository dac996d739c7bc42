package io.autoresponder.connector.mqtt;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether an incoming channel makes progress: how many QoS 1/2 requests it took from the broker and has not
 * settled yet (acknowledged, or handed back as failed), and when one last settled. A channel with requests
 * pending and none settled for the stall timeout is <em>stalled</em> until one settles again or none is pending.
 * <p>
 * Taking and settling are called from any thread; {@link #check} from one watchdog thread only, with the time
 * passed in (so tests drive the clock). While stalled, {@link #check} asks for a recovery at once and then after
 * doubling intervals (the stall timeout times 2, 4, ... 32), so a stall that a reconnect does not cure (e.g. a
 * handler that never returns) does not turn into a reconnect storm.
 */
final class ProgressWatch {

    /** What {@link #check} found. */
    enum Verdict {
        /** Nothing pending, or progress within the timeout. */
        PROGRESSING,
        /** Stalled just now: say so and try to recover. */
        STALLED,
        /** Still stalled and time for another recovery attempt. */
        RETRY,
        /** Still stalled; wait. */
        STILL_STALLED,
        /** Progress again after a stall. */
        RECOVERED
    }

    private static final int MAX_BACKOFF_SHIFT = 5;

    private final long timeoutNanos;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile long lastProgress;
    // Watchdog thread only.
    private boolean stalled;
    private long stalledSince;
    private int attempts;
    private long nextAttempt;
    private volatile String reason;

    /** @param timeout how long pending requests may go without any settling; zero or negative: never stalled */
    ProgressWatch(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** A QoS 1/2 request was taken from the broker at {@code now} (nanoseconds). */
    void taken(long now) {
        if (pending.getAndIncrement() == 0) {
            lastProgress = now;
        }
    }

    /** A request taken earlier was settled at {@code now}; call once per taken request. */
    void settled(long now) {
        lastProgress = now;
        pending.decrementAndGet();
    }

    /**
     * Time until {@code now} does not count towards a stall (the connection was down: that is reported as such);
     * from the watchdog thread only.
     */
    void excuse(long now) {
        if (!stalled) {
            lastProgress = now;
        }
    }

    /** Requests taken and not settled. */
    int pending() {
        return pending.get();
    }

    /** Whether the last {@link #check} found the channel stalled. */
    boolean isStalled() {
        return reason != null;
    }

    /** Why the channel is stalled, for readiness; null when it is not. */
    String stallReason() {
        return reason;
    }

    /** Looks at the channel at {@code now} (nanoseconds); from the watchdog thread only. */
    Verdict check(long now) {
        if (timeoutNanos <= 0) {
            return Verdict.PROGRESSING;
        }
        int waiting = pending.get();
        long last = lastProgress;
        if (!stalled) {
            if (waiting == 0 || now - last < timeoutNanos) {
                return Verdict.PROGRESSING;
            }
            stalled = true;
            stalledSince = last;
            attempts = 1;
            nextAttempt = now + timeoutNanos;
            reason = "stalled: " + waiting + " requests pending, none completed for "
                    + Duration.ofNanos(now - last).toSeconds() + " s; reconnecting";
            return Verdict.STALLED;
        }
        if (waiting == 0 || last != stalledSince) {
            stalled = false;
            reason = null;
            return Verdict.RECOVERED;
        }
        if (now - nextAttempt >= 0) {
            attempts++;
            nextAttempt = now + (timeoutNanos << Math.min(attempts, MAX_BACKOFF_SHIFT));
            reason = "stalled: " + waiting + " requests pending, none completed for "
                    + Duration.ofNanos(now - last).toSeconds() + " s; reconnect attempt " + attempts;
            return Verdict.RETRY;
        }
        return Verdict.STILL_STALLED;
    }
}
