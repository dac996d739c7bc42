package io.autoresponder.bench.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The write pattern of a persistent session's QoS 1 message (stored when queued, removed when acknowledged) and
 * the recovery of a store of queued messages, on three candidate stores: an append-only journal (one write per
 * record, CRC-checked), H2's MVStore (a commit per change, which is what makes a change survive kill -9) and
 * SQLite in WAL mode (one transaction per change). Each in two durability modes: written to the operating system
 * (survives kill -9 of the process) and forced to the device (survives a power cut). Candidates alternate within
 * each round; medians of the rounds are printed.
 * <p>
 * {@code java StoreChoice <directory> [rounds] [messages] [synced-messages] [recovery-messages] [payload-bytes]}
 */
public final class StoreChoice {

    interface Candidate extends AutoCloseable {
        void put(long id, byte[] record) throws Exception;

        void remove(long id) throws Exception;

        /** Opens the store again and reads every record into memory; returns how many. */
        int recover() throws Exception;

        @Override
        void close() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int syncedMessages = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        int recoveryMessages = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
        int payloadBytes = args.length > 5 ? Integer.parseInt(args[5]) : 256;
        Files.createDirectories(directory);
        byte[] record = new byte[payloadBytes + 48]; // client id, topic and header around the payload
        Arrays.fill(record, (byte) 'x');

        String[] names = {"journal", "mvstore", "sqlite"};
        Map<String, List<Double>> written = new HashMap<>();
        Map<String, List<Double>> synced = new HashMap<>();
        Map<String, List<Double>> recovery = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        warmUp(directory, names, record);
        for (int round = 0; round < rounds; round++) {
            for (String name : names) {
                written.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(microsPerMessage(directory, name, false, messages, record));
                synced.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(microsPerMessage(directory, name, true, syncedMessages, record));
                Path dir = fresh(directory, name);
                try (Candidate candidate = open(name, dir, false)) {
                    for (long id = 0; id < recoveryMessages; id++) {
                        candidate.put(id, record);
                    }
                }
                sizes.put(name, size(dir));
                long start = System.nanoTime();
                int read;
                try (Candidate candidate = open(name, dir, false)) {
                    read = candidate.recover();
                }
                if (read != recoveryMessages) {
                    throw new IllegalStateException(name + " recovered " + read + " of " + recoveryMessages);
                }
                recovery.computeIfAbsent(name, n -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "%d rounds, %d-byte records; medians%n", rounds, record.length);
        System.out.printf(Locale.ROOT, "%-8s %22s %22s %26s %12s%n", "store", "us/message (kill -9)",
                "us/message (fsync)", "recover " + recoveryMessages + " (ms)", "size (MiB)");
        for (String name : names) {
            System.out.printf(Locale.ROOT, "%-8s %22.1f %22.0f %26.0f %12.1f%n", name, median(written.get(name)),
                    median(synced.get(name)), median(recovery.get(name)), sizes.get(name) / 1048576.0);
        }
    }

    private static void warmUp(Path directory, String[] names, byte[] record) throws Exception {
        for (String name : names) {
            microsPerMessage(directory, name, false, 20_000, record);
        }
    }

    /** One message = stored when queued, removed when acknowledged; a window of 64 in flight, as a client has. */
    private static double microsPerMessage(Path directory, String name, boolean sync, int messages, byte[] record)
            throws Exception {
        try (Candidate candidate = open(name, fresh(directory, name), sync)) {
            long start = System.nanoTime();
            for (long id = 0; id < messages; id++) {
                candidate.put(id, record);
                if (id >= 64) {
                    candidate.remove(id - 64);
                }
            }
            return (System.nanoTime() - start) / 1e3 / messages;
        }
    }

    private static Candidate open(String name, Path dir, boolean sync) throws Exception {
        return switch (name) {
            case "journal" -> new Journal(dir.resolve("store.journal"), sync);
            case "mvstore" -> new MvStore(dir.resolve("store.mv.db"), sync);
            case "sqlite" -> new Sqlite(dir.resolve("store.sqlite"), sync);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Path fresh(Path directory, String name) throws IOException {
        Path dir = directory.resolve(name);
        if (Files.exists(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static long size(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Records of {@code [length][crc32c][kind][id][body]}, appended with one write each. */
    static final class Journal implements Candidate {
        private final Path file;
        private final boolean sync;
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);

        Journal(Path file, boolean sync) throws IOException {
            this.file = file;
            this.sync = sync;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }

        @Override
        public void put(long id, byte[] record) throws IOException {
            append((byte) 1, id, record);
        }

        @Override
        public void remove(long id) throws IOException {
            append((byte) 2, id, new byte[0]);
        }

        private void append(byte kind, long id, byte[] body) throws IOException {
            buffer.clear();
            int length = 1 + 8 + body.length;
            buffer.putInt(length).putInt(0).put(kind).putLong(id).put(body);
            CRC32C crc = new CRC32C();
            crc.update(buffer.duplicate().position(8).limit(8 + length));
            buffer.putInt(4, (int) crc.getValue());
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (sync) {
                channel.force(false);
            }
        }

        @Override
        public int recover() throws IOException {
            Map<Long, byte[]> live = new HashMap<>();
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer all = in.map(FileChannel.MapMode.READ_ONLY, 0, in.size());
                CRC32C crc = new CRC32C();
                while (all.remaining() >= 8) {
                    int length = all.getInt();
                    int expected = all.getInt();
                    if (length > all.remaining()) {
                        break;
                    }
                    crc.reset();
                    crc.update(all.duplicate().limit(all.position() + length));
                    if ((int) crc.getValue() != expected) {
                        throw new IOException("corrupt record");
                    }
                    byte kind = all.get();
                    long id = all.getLong();
                    byte[] body = new byte[length - 9];
                    all.get(body);
                    if (kind == 1) {
                        live.put(id, body);
                    } else {
                        live.remove(id);
                    }
                }
            }
            return live.size();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** H2's MVStore with auto-commit off: a commit per change (else up to a second of changes is lost). */
    static final class MvStore implements Candidate {
        private final MVStore store;
        private final MVMap<Long, byte[]> map;
        private final boolean sync;

        MvStore(Path file, boolean sync) {
            this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            this.map = store.openMap("messages");
            this.sync = sync;
        }

        @Override
        public void put(long id, byte[] record) {
            map.put(id, record);
            commit();
        }

        @Override
        public void remove(long id) {
            map.remove(id);
            commit();
        }

        private void commit() {
            store.commit();
            if (sync) {
                store.sync();
            }
        }

        @Override
        public int recover() {
            Map<Long, byte[]> live = new HashMap<>();
            for (Map.Entry<Long, byte[]> entry : map.entrySet()) {
                live.put(entry.getKey(), entry.getValue());
            }
            return live.size();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** SQLite in WAL mode, one transaction per change; synchronous OFF (kill -9 safe) or FULL. */
    static final class Sqlite implements Candidate {
        private final Connection connection;
        private final PreparedStatement insert;
        private final PreparedStatement delete;

        Sqlite(Path file, boolean sync) throws SQLException {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=" + (sync ? "FULL" : "OFF"));
                statement.execute("CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
            }
            insert = connection.prepareStatement("INSERT INTO messages (id, body) VALUES (?, ?)");
            delete = connection.prepareStatement("DELETE FROM messages WHERE id = ?");
        }

        @Override
        public void put(long id, byte[] record) throws SQLException {
            insert.setLong(1, id);
            insert.setBytes(2, record);
            insert.executeUpdate();
        }

        @Override
        public void remove(long id) throws SQLException {
            delete.setLong(1, id);
            delete.executeUpdate();
        }

        @Override
        public int recover() throws SQLException {
            Map<Long, byte[]> live = new HashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id, body FROM messages")) {
                while (rows.next()) {
                    live.put(rows.getLong(1), rows.getBytes(2));
                }
            }
            return live.size();
        }

        @Override
        public void close() throws SQLException {
            insert.close();
            delete.close();
            connection.close();
        }
    }
}
