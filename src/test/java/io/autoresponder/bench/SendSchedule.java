package io.autoresponder.bench;

/**
 * When each request of a paced lane is due: request {@code n} at {@code start + n / perSecond}. The times are
 * absolute, so a late request does not push the ones after it back (the lane catches up, the offered rate holds).
 */
final class SendSchedule {

    private final long startNanos;
    private final double nanosPerRequest;

    SendSchedule(long startNanos, double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("requests per second must be positive, not " + perSecond);
        }
        this.startNanos = startNanos;
        this.nanosPerRequest = 1e9 / perSecond;
    }

    /** The {@link System#nanoTime()} at which request {@code seq} (counted from 0) is due. */
    long dueAt(long seq) {
        return startNanos + Math.round(seq * nanosPerRequest);
    }
}
