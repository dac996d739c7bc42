package io.autoresponder.console;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.autoresponder.responder.TrafficObserver.Kind;

/**
 * Requests, replies and dead letters per topic. Topics come from clients, so the number counted one by one is
 * bounded; traffic on any further topic is counted under {@link #OTHER_TOPICS}.
 */
final class TopicCounters {

    static final String OTHER_TOPICS = "(other topics)";

    private final int maxTopics;
    private final Map<String, Counts> byTopic = new ConcurrentHashMap<>();

    TopicCounters(int maxTopics) {
        this.maxTopics = maxTopics;
    }

    void count(String topic, Kind kind, long at) {
        Counts counts = byTopic.get(topic);
        if (counts == null) {
            // Racing threads may add a few topics beyond the bound; the bound is about memory, not exactness.
            String key = byTopic.size() < maxTopics ? topic : OTHER_TOPICS;
            counts = byTopic.computeIfAbsent(key, k -> new Counts());
        }
        counts.add(kind, at);
    }

    /** Up to {@code limit} topics, the most recently active first. */
    List<TopicCount> mostRecent(int limit) {
        return byTopic.entrySet().stream().map(entry -> entry.getValue().snapshot(entry.getKey()))
                .sorted(Comparator.comparingLong(TopicCount::lastAt).reversed().thenComparing(TopicCount::topic))
                .limit(limit).toList();
    }

    int size() {
        return byTopic.size();
    }

    /**
     * Counts of one topic.
     *
     * @param topic       the topic, or {@link #OTHER_TOPICS}
     * @param requests    requests taken from it
     * @param replies     replies sent to it
     * @param deadLetters dead letters sent to it
     * @param lastAt      last message, epoch milliseconds
     */
    @RegisterForReflection
    record TopicCount(String topic, long requests, long replies, long deadLetters, long lastAt) {
    }

    private static final class Counts {
        private final LongAdder requests = new LongAdder();
        private final LongAdder replies = new LongAdder();
        private final LongAdder deadLetters = new LongAdder();
        private final AtomicLong lastAt = new AtomicLong();

        void add(Kind kind, long at) {
            switch (kind) {
                case REQUEST -> requests.increment();
                case REPLY -> replies.increment();
                case DEAD_LETTER -> deadLetters.increment();
            }
            lastAt.accumulateAndGet(at, Math::max);
        }

        TopicCount snapshot(String topic) {
            return new TopicCount(topic, requests.sum(), replies.sum(), deadLetters.sum(), lastAt.get());
        }
    }
}
