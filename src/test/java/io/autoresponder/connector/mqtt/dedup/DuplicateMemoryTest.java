package io.autoresponder.connector.mqtt.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.autoresponder.connector.mqtt.MqttClientSettings;
import io.autoresponder.connector.mqtt.MqttInboundSettings;
import io.autoresponder.connector.mqtt.SharedMqttClient;

/** Which channels get a journal of answered requests, and what an unusable journal directory does at start. */
class DuplicateMemoryTest {

    @TempDir
    Path directory;

    @Test
    void withAFixedClientId_theJournalIsNamedAfterClientAndChannel() throws IOException {
        DuplicateRequests duplicates = DuplicateMemory.open(settings(Optional.of(directory)), client(Optional.of("pod/1")));
        duplicates.remember(DuplicateRequestsTest.key("t", "1"), System.currentTimeMillis());

        assertThat(directory.resolve("pod_1-test.journal")).exists();
    }

    @Test
    void withAGeneratedClientId_nothingIsWritten() throws IOException {
        DuplicateRequests duplicates = DuplicateMemory.open(settings(Optional.of(directory)), client(Optional.empty()));
        duplicates.remember(DuplicateRequestsTest.key("t", "1"), System.currentTimeMillis());

        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        assertThat(duplicates.size()).as("remembered in memory").isEqualTo(1);
    }

    @Test
    void aJournalDirectoryThatCannotBeCreated_failsTheStartNamingTheKey() throws IOException {
        Path file = Files.writeString(directory.resolve("a-file"), "x");

        assertThatThrownBy(() -> DuplicateMemory.open(settings(Optional.of(file.resolve("journal"))),
                client(Optional.of("responder-1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mp.messaging.incoming.test.duplicate-journal: journal directory")
                .hasMessageContaining("cannot be used");
    }

    private static MqttInboundSettings settings(Optional<Path> journal) {
        return new MqttInboundSettings("test", java.util.Set.of("test"), 1, 16, Duration.ofMinutes(10), 100, journal, Duration.ZERO);
    }

    private static SharedMqttClient client(Optional<String> clientId) {
        // Never started: no connection is made.
        return new SharedMqttClient(new MqttClientSettings(5, "127.0.0.1", 1883, clientId, Optional.empty(),
                Optional.empty(), true, 0, 60, 65_535, Duration.ofSeconds(1), Duration.ofSeconds(2), false,
                Optional.empty()), Optional.empty());
    }
}
