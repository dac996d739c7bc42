package io.autoresponder.broker.persistence;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One journal record on disk: {@code [int length][int crc32c][body]}, length and checksum of the body. The
 * checksum tells a record cut short by a power cut, or damaged on disk, from a whole one.
 */
final class Frame {

    static final int HEADER = 8;
    /** Larger than any record the broker writes (a message is at most the broker's 256 MiB packet limit). */
    static final int MAX_BODY = 300 * 1024 * 1024;

    private Frame() {
    }

    /** A whole frame around {@code body} (its first {@link #HEADER} bytes reserved for the header). */
    static ByteBuffer seal(byte[] frame, int length) {
        int bodyLength = length - HEADER;
        ByteBuffer buffer = ByteBuffer.wrap(frame, 0, length);
        buffer.putInt(0, bodyLength);
        buffer.putInt(4, checksum(frame, HEADER, bodyLength));
        return buffer;
    }

    static int checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
