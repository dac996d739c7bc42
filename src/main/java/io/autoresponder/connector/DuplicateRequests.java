package io.autoresponder.connector;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers answered MQTT 5 requests by response topic and correlation data for a bounded time and number, so
 * that a redelivered request (after a reconnect the broker sends unacknowledged requests again, MQTT 5.0
 * section 4.4) is acknowledged without a second answer. A request is remembered only once it was answered:
 * a copy arriving while the first is still being handled is answered too (at least once beats at most once).
 * Requests without correlation data cannot be told apart from new ones with the same payload and are never
 * treated as duplicates.
 */
final class DuplicateRequests {

    private final Duration window;
    private final int capacity;
    // Insertion order is answer order, so the eldest entry is the first to expire.
    private final LinkedHashMap<Key, Long> answered = new LinkedHashMap<>();

    DuplicateRequests(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /** The key of a request, if it can be recognised again. */
    static Optional<Key> keyOf(Optional<String> responseTopic, Optional<ByteBuffer> correlationData) {
        return correlationData.map(data -> {
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            return new Key(responseTopic.orElse(""), ByteBuffer.wrap(bytes));
        });
    }

    /** Whether a request with {@code key} was answered within the window. */
    synchronized boolean answered(Key key, long nowNanos) {
        expire(nowNanos);
        return answered.containsKey(key);
    }

    /** Records that the request with {@code key} was answered. */
    synchronized void remember(Key key, long nowNanos) {
        if (capacity == 0) {
            return;
        }
        expire(nowNanos);
        answered.remove(key);
        answered.put(key, nowNanos);
        if (answered.size() > capacity) {
            Iterator<Map.Entry<Key, Long>> eldest = answered.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    synchronized int size() {
        return answered.size();
    }

    private void expire(long nowNanos) {
        Iterator<Map.Entry<Key, Long>> entries = answered.entrySet().iterator();
        while (entries.hasNext() && nowNanos - entries.next().getValue() > window.toNanos()) {
            entries.remove();
        }
    }

    /** Response topic and correlation data of a request; {@link ByteBuffer} compares by content. */
    record Key(String responseTopic, ByteBuffer correlationData) {
    }
}
