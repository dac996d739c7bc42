package io.autoresponder.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The memory of answered requests behind duplicate detection: keyed by content, bounded in time and size. */
class DuplicateRequestsTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void keyOf_withoutCorrelationData_isEmpty() {
        assertThat(DuplicateRequests.keyOf(Optional.of("answers"), Optional.empty())).isEmpty();
    }

    @Test
    void answered_sameResponseTopicAndCorrelationBytes_isRecognised() {
        DuplicateRequests memory = new DuplicateRequests(Duration.ofSeconds(60), 10);
        memory.remember(key("answers", "c-1"), 0);

        assertThat(memory.answered(key("answers", "c-1"), SECOND)).isTrue();
        assertThat(memory.answered(key("answers", "c-2"), SECOND)).isFalse();
        assertThat(memory.answered(key("elsewhere", "c-1"), SECOND)).isFalse();
    }

    @Test
    void answered_afterTheWindow_isForgotten() {
        DuplicateRequests memory = new DuplicateRequests(Duration.ofSeconds(60), 10);
        memory.remember(key("answers", "c-1"), 0);

        assertThat(memory.answered(key("answers", "c-1"), 61 * SECOND)).isFalse();
        assertThat(memory.size()).isZero();
    }

    @Test
    void remember_beyondCapacity_forgetsTheEldest() {
        DuplicateRequests memory = new DuplicateRequests(Duration.ofSeconds(60), 2);
        memory.remember(key("a", "1"), 0);
        memory.remember(key("a", "2"), 1);
        memory.remember(key("a", "3"), 2);

        assertThat(memory.size()).isEqualTo(2);
        assertThat(memory.answered(key("a", "1"), 3)).isFalse();
        assertThat(memory.answered(key("a", "3"), 3)).isTrue();
    }

    @Test
    void remember_withCapacityZero_remembersNothing() {
        DuplicateRequests memory = new DuplicateRequests(Duration.ofSeconds(60), 0);
        memory.remember(key("a", "1"), 0);

        assertThat(memory.answered(key("a", "1"), 1)).isFalse();
    }

    private static DuplicateRequests.Key key(String responseTopic, String correlation) {
        return DuplicateRequests.keyOf(Optional.of(responseTopic),
                Optional.of(ByteBuffer.wrap(correlation.getBytes(StandardCharsets.UTF_8)))).orElseThrow();
    }
}
