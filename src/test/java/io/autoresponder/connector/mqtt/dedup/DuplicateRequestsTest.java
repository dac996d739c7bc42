package io.autoresponder.connector.mqtt.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.responder.RequestFields;

/**
 * The memory of answered requests behind duplicate detection: keyed by content, bounded in time and size, and
 * with a journal, carried over to the next process.
 */
class DuplicateRequestsTest {

    private static final long SECOND = Duration.ofSeconds(1).toMillis();
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path directory;

    @Test
    void answered_sameResponseTopicAndCorrelationBytes_isRecognised() throws IOException {
        DuplicateRequests memory = new DuplicateRequests(Duration.ofSeconds(60), 10);
        memory.remember(key("answers", "c-1"), T0);

        assertThat(memory.answered(key("answers", "c-1"), T0 + SECOND)).isTrue();
        assertThat(memory.answered(key("answers", "c-2"), T0 + SECOND)).isFalse();
        assertThat(memory.answered(key("elsewhere", "c-1"), T0 + SECOND)).isFalse();
    }

    @Test
    void answered_afterTheWindow_isForgotten() throws IOException {
        DuplicateRequests memory = new DuplicateRequests(Duration.ofSeconds(60), 10);
        memory.remember(key("answers", "c-1"), T0);

        assertThat(memory.answered(key("answers", "c-1"), T0 + 61 * SECOND)).isFalse();
        assertThat(memory.size()).isZero();
    }

    @Test
    void remember_beyondCapacity_forgetsTheEldest() throws IOException {
        DuplicateRequests memory = new DuplicateRequests(Duration.ofSeconds(60), 2);
        memory.remember(key("a", "1"), T0);
        memory.remember(key("a", "2"), T0 + 1);
        memory.remember(key("a", "3"), T0 + 2);

        assertThat(memory.size()).isEqualTo(2);
        assertThat(memory.answered(key("a", "1"), T0 + 3)).isFalse();
        assertThat(memory.answered(key("a", "3"), T0 + 3)).isTrue();
    }

    @Test
    void rememberingAgain_makesTheKeyTheYoungest_whileCheckingItDoesNot() throws IOException {
        DuplicateRequests memory = new DuplicateRequests(Duration.ofSeconds(60), 2);
        memory.remember(key("a", "1"), T0);
        memory.remember(key("a", "2"), T0 + 1);
        memory.remember(key("a", "1"), T0 + 2);
        assertThat(memory.answered(key("a", "2"), T0 + 3)).isTrue();

        memory.remember(key("a", "3"), T0 + 4);

        assertThat(memory.answered(key("a", "2"), T0 + 5)).as("the eldest by answer, though checked last").isFalse();
        assertThat(memory.answered(key("a", "1"), T0 + 5)).isTrue();
        assertThat(memory.answered(key("a", "1"), T0 + 2 + 61 * SECOND)).as("expires 60 s after its last answer")
                .isFalse();
    }

    @Test
    void remember_withCapacityZero_remembersNothing() throws IOException {
        DuplicateRequests memory = new DuplicateRequests(Duration.ofSeconds(60), 0);
        memory.remember(key("a", "1"), T0);

        assertThat(memory.answered(key("a", "1"), T0 + 1)).isFalse();
    }

    @Test
    void withAJournal_aNewProcessRecognisesWhatTheLastOneAnswered() throws IOException {
        DuplicateRequests before = journaled(T0);
        before.remember(key("answers", "c-1"), T0);
        before.remember(key("answers", "c-2"), T0 + 1);
        // kill -9: nothing is closed or flushed

        DuplicateRequests after = journaled(T0 + 5 * SECOND);

        assertThat(after.answered(key("answers", "c-1"), T0 + 5 * SECOND)).isTrue();
        assertThat(after.answered(key("answers", "c-2"), T0 + 5 * SECOND)).isTrue();
        assertThat(after.answered(key("answers", "c-3"), T0 + 5 * SECOND)).isFalse();
    }

    @Test
    void withAJournal_entriesOlderThanTheWindowAreNotReloaded() throws IOException {
        journaled(T0).remember(key("answers", "c-1"), T0);

        DuplicateRequests after = journaled(T0 + 61 * SECOND);

        assertThat(after.size()).isZero();
    }

    private DuplicateRequests journaled(long nowMillis) {
        return new DuplicateRequests(Duration.ofSeconds(60), 10,
                Optional.of(AnsweredJournal.open(directory, "client-test", 10)), nowMillis);
    }

    static RequestKey key(String responseTopic, String correlation) {
        MqttIncomingMetadata metadata = new MqttIncomingMetadata("test", 1, false, false, Optional.of(responseTopic),
                Optional.of(correlation.getBytes(StandardCharsets.UTF_8)), Optional.empty(),
                List.<Map.Entry<String, String>>of(), Optional.empty());
        return RequestKey.of(metadata, RequestFields.NONE).orElseThrow();
    }
}
