package io.autoresponder.broker.session;

import java.util.concurrent.atomic.AtomicLong;

import io.autoresponder.broker.routing.Publication;

/**
 * One memory budget for the QoS 1/2 messages the broker holds for clients, queued or in flight, over all
 * sessions ({@code autoresponder.broker.max-queued-bytes}). Per-session message counts alone would let a few slow
 * or absent clients with large messages hold far more than a pod has; this bounds the sum. Lock-free: sessions on
 * every event loop reserve and release concurrently.
 */
final class QueuedBytes {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    QueuedBytes(long limit) {
        this.limit = limit;
    }

    static QueuedBytes unlimited() {
        return new QueuedBytes(Long.MAX_VALUE);
    }

    /** What a message counts against the budget: its payload and topic. */
    static long sizeOf(Publication publication) {
        return (long) publication.payload().length() + publication.topic().length();
    }

    /** Takes {@code bytes} from the budget; false, taking nothing, when they do not fit. */
    boolean reserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Takes {@code bytes} even beyond the limit: messages accepted before a restart are kept whatever it says now. */
    void force(long bytes) {
        used.addAndGet(bytes);
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
