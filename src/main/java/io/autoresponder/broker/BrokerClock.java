package io.autoresponder.broker;

/**
 * The broker's time: the monotonic clock that message expiry and keep-alive read, and the timers of will delays,
 * session expiry and keep-alive. One seam, so that tests of those rules advance time instead of waiting for it.
 * A timer's action runs on a Vert.x context; actions that touch a session or connection move to its own.
 */
public interface BrokerClock {

    /** Monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Runs {@code action} once after {@code delayMillis} (at least 1); returns the timer's id. */
    long setTimer(long delayMillis, Runnable action);

    /** Cancels a timer that has not run yet. */
    void cancelTimer(long id);
}
