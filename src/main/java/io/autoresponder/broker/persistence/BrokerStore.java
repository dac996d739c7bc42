package io.autoresponder.broker.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.handler.codec.mqtt.MqttSubscriptionOption;

import io.autoresponder.broker.BrokerClock;
import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.connection.Will;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.RetainedJournal;
import io.autoresponder.broker.routing.Route;
import io.autoresponder.broker.routing.Subscriber;
import io.autoresponder.broker.session.SessionJournal;
import io.autoresponder.broker.session.SessionJournals;

/**
 * The embedded broker's store: retained messages and persistent sessions in one append-only journal,
 * {@code broker.journal} in {@code autoresponder.broker.persistence.directory}. Every change is one record,
 * written with one {@code write} before the change is acknowledged to anyone, so a killed process loses nothing;
 * the fsync policy decides what a power cut may take ({@link Flusher}). At start the journal is read back and
 * rewritten with its live records only; while running it is rewritten the same way when it grows beyond twice
 * its live records ({@link LiveIndex}). Appends come from every event loop and take one lock for the time of one
 * {@code write}.
 * <p>
 * Chosen by measurement over H2 MVStore and SQLite (bench/store-choice.sh, docs/broker-persistence.md).
 */
@Singleton
public class BrokerStore implements RetainedJournal, SessionJournals {

    private static final Logger LOG = Logger.getLogger(BrokerStore.class);
    static final String JOURNAL = "broker.journal";
    private static final String COMPACTING = "broker.journal.compacting";
    private static final String LOCK = "broker.lock";

    /** The broker's own statistics: published again every interval, not worth a write or a read-back. */
    private static final String SYS_PREFIX = "$SYS/";

    private final BrokerConfig.Persistence config;
    private final boolean enabled;
    private final Records records;
    private final StoreMetrics metrics;
    private final LiveIndex index = new LiveIndex();
    private Path directory;
    private JournalFile journal;
    private FileChannel lockChannel;
    private FileLock lock;
    private Flusher flusher;
    private volatile boolean open;
    /** Appends so far, for the flusher. */
    private volatile long written;

    BrokerStore(BrokerConfig config, BrokerClock clock, StoreMetrics metrics) {
        this.config = config.persistence();
        this.enabled = this.config.directory().isPresent();
        this.records = new Records(clock);
        this.metrics = metrics;
    }

    @Override
    public boolean enabled() {
        return enabled; // read on every delivery to a session
    }

    /**
     * Opens the store and reads it back, before the broker takes any client: locks the directory (a second
     * broker on it would interleave writes), reads the journal, rewrites it with its live records.
     *
     * @return what was read back; null when persistence is off or the store is open already (a restart of the
     *         broker within the process keeps its state in memory)
     * @throws CorruptStoreException when the journal cannot be read back; the file is left untouched
     */
    public synchronized Recovered open() {
        if (!enabled || open) {
            return null;
        }
        long start = System.nanoTime();
        directory = config.directory().get();
        Path file = directory.resolve(JOURNAL);
        try {
            Files.createDirectories(directory);
            lockDirectory();
            Files.deleteIfExists(directory.resolve(COMPACTING)); // a compaction the last process did not finish
            List<Publication> retained = List.of();
            List<io.autoresponder.broker.session.StoredSession> sessions = List.of();
            if (Files.exists(file)) {
                JournalFile.ReadEnd end = JournalFile.read(file, (body, location) -> records.apply(body, location, index));
                if (end.tornBytes() > 0) {
                    LOG.warnf("The broker's store %s ends with %d bytes of a record whose writing was cut short (the "
                            + "machine stopped); it was never acknowledged and is dropped", file, end.tornBytes());
                }
                retained = index.retainedMessages();
                sessions = index.sessions();
                journal = compactFrom(JournalFile.openForRead(file));
            } else {
                journal = JournalFile.create(file);
                journal.force();
            }
            flusher = new Flusher(config.fsync(), config.fsyncInterval(), new Flusher.Target() {
                @Override
                public long written() {
                    return written;
                }

                @Override
                public void force() throws IOException {
                    forceJournal();
                }

                @Override
                public void failed(IOException e) {
                    writeFailed("force", e);
                }
            });
            metrics.bind(this);
            open = true;
            long messages = sessions.stream().mapToLong(session -> session.messages().size()).sum();
            return new Recovered(retained, sessions, messages, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            releaseLock();
            throw new CorruptStoreException(file, e.toString(), e);
        } catch (RuntimeException e) {
            releaseLock();
            throw e;
        }
    }

    /** Forces and closes the journal; the broker has stopped taking changes. */
    public void close() {
        Flusher stopping;
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            stopping = flusher;
        }
        stopping.stop();
        synchronized (this) {
            try {
                journal.force();
                journal.close();
            } catch (IOException e) {
                LOG.errorf("Closing the broker's store %s: %s", journal.path(), e);
            }
            releaseLock();
        }
    }

    // ---- retained messages ----------------------------------------------------------------------------

    @Override
    public boolean retain(Publication publication) {
        if (!open || publication.topic().startsWith(SYS_PREFIX)) {
            return true;
        }
        ByteBuffer frame = records.retained(publication);
        synchronized (this) {
            if (!fits(frame)) {
                return false;
            }
            Location location = append(frame);
            if (location != null) {
                index.retained(publication.topic(), location, null);
                compactIfDue();
            }
        }
        return true;
    }

    @Override
    public void clear(String topic) {
        if (open && !topic.startsWith(SYS_PREFIX)) {
            write(records.retainedCleared(topic), () -> index.retainedCleared(topic));
        }
    }

    @Override
    public CompletionStage<Void> durable() {
        Flusher current = flusher;
        return open && current != null ? current.durable() : Subscriber.TAKEN;
    }

    // ---- sessions -------------------------------------------------------------------------------------

    @Override
    public SessionJournal open(String clientId, long incarnation) {
        return open ? new StoredSessionJournal(new SessionKey(clientId, incarnation)) : SessionJournal.NONE;
    }

    /** One session's journal: its changes as records of this store. */
    private final class StoredSessionJournal implements SessionJournal {

        private final SessionKey key;

        StoredSessionJournal(SessionKey key) {
            this.key = key;
        }

        @Override
        public void attached(long expirySeconds) {
            write(records.attached(key, expirySeconds), location -> index.attached(key, location, expirySeconds));
        }

        @Override
        public void away(long expirySeconds, long awaySinceMillis, Will will) {
            write(records.away(key, expirySeconds, awaySinceMillis, will),
                    location -> index.away(key, location, expirySeconds, awaySinceMillis, null));
        }

        @Override
        public void ended() {
            write(records.ended(key), () -> index.ended(key));
        }

        @Override
        public void subscribed(String filter, MqttSubscriptionOption options, int subscriptionId) {
            write(records.subscribed(key, filter, options, subscriptionId),
                    location -> index.subscribed(key, filter, location, options, subscriptionId));
        }

        @Override
        public void unsubscribed(String filter) {
            write(records.unsubscribed(key, filter), () -> index.unsubscribed(key, filter));
        }

        @Override
        public boolean queued(long seq, Publication publication, Route route) {
            if (!open) {
                return true;
            }
            ByteBuffer frame = records.queued(key, seq, publication, route);
            synchronized (BrokerStore.this) {
                if (!fits(frame)) {
                    return false;
                }
                Location location = append(frame);
                if (location != null) {
                    index.queued(key, seq, location, null, route);
                    compactIfDue();
                }
            }
            return true;
        }

        @Override
        public void sent(long seq, int packetId) {
            write(records.sent(key, seq, packetId), location -> index.sent(key, seq, location, packetId, false));
        }

        @Override
        public void released(long seq, int packetId) {
            write(records.released(key, seq, packetId), location -> index.sent(key, seq, location, packetId, true));
        }

        @Override
        public void done(long seq) {
            write(records.done(key, seq), () -> index.done(key, seq));
        }

        @Override
        public void awaitingRelease(int packetId) {
            write(records.awaitingRelease(key, packetId), location -> index.awaitingRelease(key, packetId, location));
        }

        @Override
        public void releaseDone(int packetId) {
            write(records.releaseDone(key, packetId), () -> index.releaseDone(key, packetId));
        }
    }

    // ---- writing --------------------------------------------------------------------------------------

    private interface Kept {
        void at(Location location);
    }

    /** A record that keeps something: indexed at its location. */
    private void write(ByteBuffer frame, Kept kept) {
        if (!open) {
            return;
        }
        synchronized (this) {
            Location location = append(frame);
            if (location != null) {
                kept.at(location);
                compactIfDue();
            }
        }
    }

    /** A record that removes something: the index forgets it, the record itself is dead at once. */
    private void write(ByteBuffer frame, Runnable removal) {
        if (!open) {
            return;
        }
        synchronized (this) {
            if (append(frame) != null) {
                removal.run();
                compactIfDue();
            }
        }
    }

    /** Appends under the lock; null when the write failed (counted and logged; the change stays in memory). */
    private Location append(ByteBuffer frame) {
        if (!open) {
            return null;
        }
        try {
            Location location = journal.append(frame);
            written++;
            return location;
        } catch (IOException e) {
            writeFailed("write", e);
            return null;
        }
    }

    private boolean fits(ByteBuffer frame) {
        if (index.liveBytes() + frame.remaining() <= config.maxSize()) {
            return true;
        }
        metrics.refused();
        return false;
    }

    private void compactIfDue() {
        long size = journal.size();
        if (size > config.compactionThreshold() && size > 2 * index.liveBytes()) {
            try {
                journal = compactFrom(journal);
                metrics.compacted();
            } catch (IOException e) {
                writeFailed("compact", e);
            }
        }
    }

    /**
     * Writes the live records of {@code old} to a new file, forces it and puts it in the journal's place in one
     * atomic rename: a stop at any point leaves either the old journal or the new one, whole.
     */
    private JournalFile compactFrom(JournalFile old) throws IOException {
        Path target = old.path().resolveSibling(JOURNAL);
        Path temporary = old.path().resolveSibling(COMPACTING);
        JournalFile compacted = JournalFile.create(temporary);
        try {
            index.copyTo(from -> compacted.copy(old, from));
            compacted.force();
        } catch (IOException | UncheckedIOException e) {
            compacted.close();
            Files.deleteIfExists(temporary);
            throw e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
        }
        old.close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return compacted.renamed(target);
    }

    private void forceJournal() throws IOException {
        JournalFile current;
        synchronized (this) {
            current = journal;
        }
        try {
            current.force();
        } catch (java.nio.channels.ClosedChannelException compacted) {
            // Replaced by a compaction meanwhile, which forced the records it copied; force what came after.
            synchronized (this) {
                journal.force();
            }
        }
    }

    private void writeFailed(String what, IOException e) {
        metrics.writeFailed(LOG, "The broker's store cannot " + what + " " + directory.resolve(JOURNAL) + ": " + e
                + ". Changes are kept in memory only until it can: free space or fix the volume");
    }

    private void lockDirectory() throws IOException {
        lockChannel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IllegalStateException("The broker's store " + directory.toAbsolutePath() + " is in use by another "
                    + "broker process (" + LOCK + " is locked); two brokers cannot share one store");
        }
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.debugf("releasing %s: %s", LOCK, e);
        }
        lock = null;
        lockChannel = null;
    }

    // ---- for meters -----------------------------------------------------------------------------------

    synchronized long fileBytes() {
        return journal == null ? 0 : journal.size();
    }

    synchronized long liveBytes() {
        return index.liveBytes();
    }
}
