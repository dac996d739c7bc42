package io.autoresponder.connector.mqtt.dedup;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers answered requests by their {@link RequestKey} for a bounded time and number, so that a redelivered
 * request (after a reconnect or a restart the broker sends unacknowledged requests again, MQTT 5.0 section 4.4)
 * is acknowledged without a second answer. A request is remembered only once its reply was accepted by the
 * broker, and before the request is acknowledged: a copy arriving while the first is still being handled is
 * answered too (at least once beats at most once).
 * <p>
 * With an {@link AnsweredJournal} every remembered key is also written to disk, and what the journal holds from
 * within the window is remembered again at start, so a request answered just before the process was killed is
 * not answered again after the restart. Times are wall-clock milliseconds, which survive a restart.
 */
public final class DuplicateRequests implements AutoCloseable {

    private final long windowMillis;
    private final int capacity;
    private final Optional<AnsweredJournal> journal;
    // In access order, where only put counts as an access (containsKey does not): the order is of last answer, so
    // the eldest entry is the first to expire, and answering a key again moves it to the end in one lookup.
    private final LinkedHashMap<RequestKey, Long> answered = new LinkedHashMap<>(16, 0.75f, true);

    DuplicateRequests(Duration window, int capacity) {
        this(window, capacity, Optional.empty(), 0);
    }

    /** Remembers what {@code journal} holds from within the window before {@code nowMillis}. */
    DuplicateRequests(Duration window, int capacity, Optional<AnsweredJournal> journal, long nowMillis) {
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
        this.journal = journal;
        journal.ifPresent(j -> j.load().forEach(entry -> put(entry.key(), entry.epochMillis())));
        expire(nowMillis);
    }

    /** Whether a request with {@code key} was answered within the window. */
    public synchronized boolean answered(RequestKey key, long nowMillis) {
        expire(nowMillis);
        return answered.containsKey(key);
    }

    /**
     * Records that the request with {@code key} was answered; with a journal, returns only after the key was
     * handed to the operating system.
     *
     * @throws IOException when the journal could not be written (the key is remembered in memory all the same)
     */
    public synchronized void remember(RequestKey key, long nowMillis) throws IOException {
        if (capacity == 0) {
            return;
        }
        expire(nowMillis);
        put(key, nowMillis);
        if (journal.isPresent()) {
            journal.get().append(key, nowMillis);
        }
    }

    synchronized int size() {
        return answered.size();
    }

    @Override
    public void close() {
        journal.ifPresent(AnsweredJournal::close);
    }

    private void put(RequestKey key, long atMillis) {
        answered.put(key, atMillis);
        if (answered.size() > capacity) {
            Iterator<Map.Entry<RequestKey, Long>> eldest = answered.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private void expire(long nowMillis) {
        Iterator<Map.Entry<RequestKey, Long>> entries = answered.entrySet().iterator();
        while (entries.hasNext() && nowMillis - entries.next().getValue() > windowMillis) {
            entries.remove();
        }
    }
}
