package io.autoresponder.broker.persistence;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal file: an 8-byte header ({@code ARJ1}, format version) and frames ({@link Frame}). Appends go to
 * the end with one {@code write} each, which the operating system keeps even if the process is killed the next
 * instant; {@link #force} puts them on the device.
 */
final class JournalFile implements AutoCloseable {

    static final int MAGIC = 0x41524A31;
    static final int VERSION = 1;
    static final int HEADER = 8;

    /** Receives each whole record read back, with where its frame lies. */
    interface RecordSink {
        void accept(ByteBuffer body, Location location);
    }

    /** How reading a journal ended: where its last whole record ends and how many bytes follow it. */
    record ReadEnd(long validEnd, long tornBytes) {
    }

    private final Path path;
    private final FileChannel channel;
    private long size;

    private JournalFile(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** A new, empty journal at {@code path} (replacing what is there). */
    static JournalFile create(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).flip();
        while (header.hasRemaining()) {
            channel.write(header);
        }
        return new JournalFile(path, channel, HEADER);
    }

    /**
     * Reads every whole record of the journal at {@code path}, in order. A last record cut short (the process
     * or machine stopped while writing it) ends the reading; any other damage is a {@link CorruptStoreException}.
     */
    static ReadEnd read(Path path, RecordSink sink) throws IOException {
        long fileSize = Files.size(path);
        try (InputStream stream = Files.newInputStream(path);
                DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16))) {
            if (fileSize < HEADER) {
                throw new CorruptStoreException(path, 0, "the file is shorter than its header");
            }
            int magic = in.readInt();
            int version = in.readInt();
            if (magic != MAGIC) {
                throw new CorruptStoreException(path, 0, "it is not a journal of this broker");
            }
            if (version != VERSION) {
                throw new CorruptStoreException(path, 4, "format version " + version + " is not known to this broker"
                        + " (it reads version " + VERSION + ")");
            }
            long offset = HEADER;
            while (offset < fileSize) {
                if (fileSize - offset < Frame.HEADER) {
                    return new ReadEnd(offset, fileSize - offset);
                }
                int length = in.readInt();
                int checksum = in.readInt();
                if (length < 1 || length > Frame.MAX_BODY) {
                    throw new CorruptStoreException(path, offset, "a record claims " + length + " bytes");
                }
                long end = offset + Frame.HEADER + length;
                if (end > fileSize) {
                    return new ReadEnd(offset, fileSize - offset);
                }
                byte[] body = new byte[length];
                in.readFully(body);
                if (Frame.checksum(body, 0, length) != checksum) {
                    if (end == fileSize) {
                        return new ReadEnd(offset, fileSize - offset); // the last write, cut short
                    }
                    throw new CorruptStoreException(path, offset, "a record's checksum does not match its bytes");
                }
                try {
                    sink.accept(ByteBuffer.wrap(body), new Location(offset, Frame.HEADER + length));
                } catch (RuntimeException malformed) {
                    if (malformed instanceof CorruptStoreException) {
                        throw malformed;
                    }
                    throw new CorruptStoreException(path, offset, "a record cannot be read ("
                            + malformed.getMessage() + ")");
                }
                offset = end;
            }
            return new ReadEnd(offset, 0);
        } catch (EOFException e) {
            throw new CorruptStoreException(path, "it ended while being read", e);
        }
    }

    /** An existing journal, to read live records from while they are copied. */
    static JournalFile openForRead(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        return new JournalFile(path, channel, channel.size());
    }

    /** This file under the name it was moved to. */
    JournalFile renamed(Path target) {
        return new JournalFile(target, channel, size);
    }

    /** Appends one frame; where it went. On failure nothing of it stays in the file. */
    Location append(ByteBuffer frame) throws IOException {
        long at = size;
        int length = frame.remaining();
        try {
            while (frame.hasRemaining()) {
                channel.write(frame, at + length - frame.remaining());
            }
        } catch (IOException e) {
            channel.truncate(at); // a partial frame followed by whole ones would read as damage
            throw e;
        }
        size = at + length;
        return new Location(at, length);
    }

    /** Copies the frame at {@code from} of {@code source} to the end of this file. */
    Location copy(JournalFile source, Location from) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(from.length());
        while (frame.hasRemaining()) {
            int read = source.channel.read(frame, from.offset() + frame.position());
            if (read < 0) {
                throw new EOFException("journal ends inside a live record at " + from.offset());
            }
        }
        return append(frame.flip());
    }

    void force() throws IOException {
        channel.force(false);
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
