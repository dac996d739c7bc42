package io.autoresponder.support.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * MQTT data representations (MQTT 3.1.1 section 1.5, MQTT 5.0 section 1.5) written into a buffer; shared by every
 * hand-written test client.
 */
public final class Wire {

    private Wire() {
    }

    /** Where {@link #readVariableInt} reads its bytes from: the next byte, 0..255. */
    @FunctionalInterface
    public interface ByteSource {
        int next() throws IOException;
    }

    /**
     * The next packet of {@code in}, or {@code null} when the stream ended before one began.
     *
     * @throws EOFException when the stream ends inside a packet
     */
    public static Packet readPacket(InputStream in) throws IOException {
        int header = in.read();
        if (header < 0) {
            return null;
        }
        int length = readVariableInt(in);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("stream ended after " + body.length + " of " + length + " bytes of a packet");
        }
        return new Packet(header, body);
    }

    /** A Variable Byte Integer read from {@code in} (MQTT 5.0 section 1.5.5). */
    public static int readVariableInt(InputStream in) throws IOException {
        return readVariableInt(() -> {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("stream ended inside a variable byte integer");
            }
            return next;
        });
    }

    /** A Variable Byte Integer (MQTT 5.0 section 1.5.5): at most four bytes, seven bits each, low bits first. */
    public static int readVariableInt(ByteSource in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int digit = in.next();
            value |= (digit & 0x7F) << shift;
            if ((digit & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("variable byte integer longer than four bytes [MQTT-1.5.5-1]");
    }

    /** The bytes of {@code parts}, one after the other (several packets in one write, spliced inputs). */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        writeVariableInt(packet, body.length);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    public static void writeVariableInt(ByteArrayOutputStream out, int value) {
        int remaining = value;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            out.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
    }

    public static void writeTwoBytes(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xFF);
        out.write(value & 0xFF);
    }

    public static void writeFourBytes(ByteArrayOutputStream out, long value) {
        writeTwoBytes(out, (int) (value >> 16));
        writeTwoBytes(out, (int) value);
    }

    public static void writeString(ByteArrayOutputStream out, String value) {
        writeBinary(out, value.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBinary(ByteArrayOutputStream out, byte[] value) {
        writeTwoBytes(out, value.length);
        out.writeBytes(value);
    }
}
