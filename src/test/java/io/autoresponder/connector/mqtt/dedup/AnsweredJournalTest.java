package io.autoresponder.connector.mqtt.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal of answered requests on disk: bounded by rotation, readable after a kill, clear about bad directories. */
class AnsweredJournalTest {

    @TempDir
    Path directory;

    @Test
    void load_returnsWhatWasAppended_oldestFirst() throws IOException {
        AnsweredJournal journal = AnsweredJournal.open(directory, "c-test", 10);
        journal.append(DuplicateRequestsTest.key("t", "1"), 100);
        journal.append(DuplicateRequestsTest.key("t", "2"), 200);

        List<AnsweredJournal.Entry> entries = AnsweredJournal.open(directory, "c-test", 10).load();

        assertThat(entries).containsExactly(new AnsweredJournal.Entry(DuplicateRequestsTest.key("t", "1"), 100),
                new AnsweredJournal.Entry(DuplicateRequestsTest.key("t", "2"), 200));
    }

    @Test
    void append_beyondCapacity_rotates_soTheFilesNeverHoldMoreThanTwiceTheCapacity() throws IOException {
        AnsweredJournal journal = AnsweredJournal.open(directory, "c-test", 3);
        for (int i = 0; i < 20; i++) {
            journal.append(DuplicateRequestsTest.key("t", Integer.toString(i)), i);
        }

        assertThat(lines("c-test.journal") + lines("c-test.journal.old")).isLessThanOrEqualTo(6);
        assertThat(journal.load()).as("at least the last capacity entries survive")
                .extracting(AnsweredJournal.Entry::epochMillis).contains(17L, 18L, 19L);
    }

    @Test
    void open_countsExistingLines_soRotationStaysBoundedAcrossRestarts() throws IOException {
        for (int restart = 0; restart < 5; restart++) {
            AnsweredJournal journal = AnsweredJournal.open(directory, "c-test", 3);
            journal.append(DuplicateRequestsTest.key("t", "a" + restart), restart);
            journal.append(DuplicateRequestsTest.key("t", "b" + restart), restart);
        }

        assertThat(lines("c-test.journal") + lines("c-test.journal.old")).isLessThanOrEqualTo(6);
    }

    @Test
    void load_skipsAnUnreadableLine() throws IOException {
        AnsweredJournal journal = AnsweredJournal.open(directory, "c-test", 10);
        journal.append(DuplicateRequestsTest.key("t", "1"), 100);
        Files.writeString(directory.resolve("c-test.journal"), "garbage-without-space\n12 !!!\n",
                StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        journal.append(DuplicateRequestsTest.key("t", "2"), 200);

        assertThat(journal.load()).extracting(AnsweredJournal.Entry::epochMillis).containsExactly(100L, 200L);
    }

    @Test
    void open_aDirectoryThatIsAFile_failsWithTheReason() throws IOException {
        Path file = Files.writeString(directory.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> AnsweredJournal.open(file, "c-test", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("journal directory " + file.toAbsolutePath() + " cannot be used");
    }

    private int lines(String name) throws IOException {
        Path file = directory.resolve(name);
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
