package io.autoresponder.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Numbers the fault and scale-out tests measure (requests sent, answered, lost, duplicated, times): printed to
 * the test output and appended to {@code target/fault-measurements.txt}, so a run leaves them for its reader.
 */
public final class Measurements {

    private static final Path FILE = Path.of("target", "fault-measurements.txt");

    private Measurements() {
    }

    /** Records one line, e.g. {@code broker restart (SIGKILL): sent=200 answered=200 lost=0 duplicates=0}. */
    public static synchronized void record(String line) {
        String stamped = Instant.now() + " " + line;
        System.out.println("[measured] " + stamped);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, stamped + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
