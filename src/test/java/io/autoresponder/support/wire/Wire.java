package io.autoresponder.support.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MQTT data representations (MQTT 3.1.1 section 1.5, MQTT 5.0 section 1.5) written into a buffer; shared by every
 * hand-written test client.
 */
public final class Wire {

    private Wire() {
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
