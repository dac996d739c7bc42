package io.autoresponder.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.autoresponder.mqtt.Topics;

/** The last retained message of each topic, bounded in count. */
final class RetainedStore {

    private final Map<String, Publication> byTopic = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxMessages;
    private final RetainedJournal journal;

    RetainedStore(int maxMessages, RetainedJournal journal) {
        this.maxMessages = maxMessages;
        this.journal = journal;
    }

    /**
     * Stores or clears the retained message of the publication's topic [MQTT-3.3.1-5, MQTT-3.3.1-10].
     *
     * @return false when the store is full and the topic had no retained message yet (nothing stored)
     */
    boolean update(Publication publication) {
        String topic = publication.topic();
        boolean[] stored = {true};
        // The journal is written under the topic's lock, so it sees a topic's changes in the order the store does.
        byTopic.compute(topic, (t, previous) -> {
            if (publication.clearsRetained()) {
                if (previous != null) {
                    size.decrementAndGet();
                    journal.clear(topic);
                }
                return null;
            }
            if (previous == null && size.incrementAndGet() > maxMessages) {
                size.decrementAndGet();
                stored[0] = false;
                return null;
            }
            if (!journal.retain(publication)) {
                if (previous == null) {
                    size.decrementAndGet();
                }
                stored[0] = false;
                return previous; // the store is full: the topic keeps what it had, on disk and here
            }
            return publication;
        });
        return stored[0];
    }

    /** A retained message read back from the journal at start (not written again). */
    void restore(Publication publication) {
        if (byTopic.put(publication.topic(), publication) == null) {
            size.incrementAndGet();
        }
    }

    /** Retained messages whose topics match {@code filter}. */
    List<Publication> matching(String filter, long now) {
        List<Publication> result = new ArrayList<>();
        if (filter.indexOf('+') < 0 && filter.indexOf('#') < 0) {
            Publication exact = byTopic.get(filter);
            if (exact != null && !expired(exact, now)) {
                result.add(exact);
            }
            return result;
        }
        for (Publication publication : byTopic.values()) {
            if (Topics.matches(filter, publication.topic()) && !expired(publication, now)) {
                result.add(publication);
            }
        }
        return result;
    }

    /** An expired retained message is removed when it is next looked at [MQTT-3.3.2-5]. */
    private boolean expired(Publication publication, long now) {
        if (!publication.isExpired(now)) {
            return false;
        }
        if (byTopic.remove(publication.topic(), publication)) {
            size.decrementAndGet();
        }
        return true;
    }

    int size() {
        return size.get();
    }
}
