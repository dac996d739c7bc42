package io.autoresponder.responder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * Writes at most one WARN line per interval; lines suppressed in between are counted and reported with the
 * next one, so a flood of bad input cannot flood the log.
 */
public final class RateLimitedLog {

    private final Logger logger;
    private final long intervalNanos;
    private final AtomicLong nextAllowedNanos;
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger logger, Duration interval) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
        this.nextAllowedNanos = new AtomicLong(System.nanoTime());
    }

    /** Logs {@code message} now or counts it; returns whether it was written. */
    public boolean warn(String message) {
        long now = System.nanoTime();
        long allowed = nextAllowedNanos.get();
        if (now - allowed < 0 || !nextAllowedNanos.compareAndSet(allowed, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        long skipped = suppressed.getAndSet(0);
        logger.warn(skipped == 0 ? message : message + " (" + skipped + " similar lines suppressed)");
        return true;
    }
}
