package io.autoresponder.connector.mqtt.dedup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * The answered requests of one channel on disk, so duplicate detection survives a restart of the process: one
 * line ({@code epoch-millis key}) is appended per answered request, written to the file before the request is
 * acknowledged to the broker. Each line is one {@code write} to the operating system, with no {@code fsync}: a
 * killed process (kill -9, out of memory) loses nothing it wrote; a crash of the machine may lose the last lines.
 * <p>
 * Bounded: lines go to {@code <name>.journal}; when it holds {@code capacity} lines it becomes
 * {@code <name>.journal.old} (replacing the previous one) and a new file starts. The two files hold at most
 * 2 × {@code capacity} lines and always at least the last {@code capacity} answered requests, all that
 * {@link DuplicateRequests} remembers.
 */
final class AnsweredJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AnsweredJournal.class);

    private final Path current;
    private final Path previous;
    private final int capacity;
    private FileChannel out;
    private int lines;

    private AnsweredJournal(Path current, Path previous, int capacity) {
        this.current = current;
        this.previous = previous;
        this.capacity = capacity;
    }

    /**
     * Opens (creating the directory if needed) the journal {@code name} in {@code directory}.
     *
     * @throws IllegalArgumentException when the directory cannot be created or written, with the reason
     */
    static AnsweredJournal open(Path directory, String name, int capacity) {
        AnsweredJournal journal = new AnsweredJournal(directory.resolve(name + ".journal"),
                directory.resolve(name + ".journal.old"), capacity);
        try {
            Files.createDirectories(directory);
            if (!Files.isWritable(directory)) {
                throw new IOException("not writable");
            }
            journal.lines = Files.exists(journal.current) ? journal.read(journal.current).size() : 0;
            journal.out = append(journal.current);
        } catch (IOException e) {
            throw new IllegalArgumentException("journal directory " + directory.toAbsolutePath() + " cannot be used: "
                    + e.getMessage() + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return journal;
    }

    /** Every entry on disk, oldest first. Lines that cannot be read (a write cut short) are skipped. */
    synchronized List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        try {
            if (Files.exists(previous)) {
                entries.addAll(read(previous));
            }
            entries.addAll(read(current));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + current, e);
        }
        return entries;
    }

    /** Appends {@code key}, answered at {@code epochMillis}; rotates when the file is full. */
    synchronized void append(RequestKey key, long epochMillis) throws IOException {
        if (lines >= capacity) {
            rotate();
        }
        ByteBuffer line = ByteBuffer.wrap((epochMillis + " " + key.encoded() + "\n").getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            out.write(line);
        }
        lines++;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.debugf("closing %s: %s", current, e);
        }
    }

    private void rotate() throws IOException {
        out.close();
        Files.move(current, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        lines = 0;
    }

    private static FileChannel append(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int unreadable = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Entry entry = Entry.parse(line);
                if (entry == null) {
                    unreadable++;
                } else {
                    entries.add(entry);
                }
            }
        }
        if (unreadable > 0) {
            LOG.warnf("Skipped %d unreadable lines of %s", unreadable, file);
        }
        return entries;
    }

    /** One answered request: its key and when it was answered (milliseconds since the epoch). */
    record Entry(RequestKey key, long epochMillis) {

        static Entry parse(String line) {
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1) {
                return null;
            }
            try {
                return new Entry(RequestKey.decode(line.substring(space + 1)), Long.parseLong(line.substring(0, space)));
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
    }
}
