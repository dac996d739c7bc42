package io.autoresponder.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.autoresponder.console.TopicCounters.TopicCount;
import io.autoresponder.responder.TrafficObserver.Kind;

/** The console's counters per topic: by kind, most recent first, bounded in the number of topics. */
class TopicCountersTest {

    @Test
    void countsEachKindPerTopicMostRecentFirst() {
        TopicCounters counters = new TopicCounters(10);
        counters.count("test", Kind.REQUEST, 100);
        counters.count("other", Kind.REPLY, 150);
        counters.count("test", Kind.REQUEST, 200);
        counters.count("other/errors", Kind.DEAD_LETTER, 120);

        assertThat(counters.mostRecent(10)).containsExactly(
                new TopicCount("test", 2, 0, 0, 200),
                new TopicCount("other", 0, 1, 0, 150),
                new TopicCount("other/errors", 0, 0, 1, 120));
        assertThat(counters.mostRecent(1)).extracting(TopicCount::topic).containsExactly("test");
    }

    @Test
    void topicsBeyondTheBoundAreCountedTogether() {
        TopicCounters counters = new TopicCounters(3);
        for (int i = 0; i < 100; i++) {
            counters.count("devices/" + i + "/get", Kind.REQUEST, i);
        }
        assertThat(counters.size()).isEqualTo(4);
        assertThat(counters.mostRecent(10)).filteredOn(count -> count.topic().equals(TopicCounters.OTHER_TOPICS))
                .singleElement().satisfies(other -> assertThat(other.requests()).isEqualTo(97));
    }
}
