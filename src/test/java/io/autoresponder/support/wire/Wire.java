package io.autoresponder.support.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** MQTT data representations (MQTT 3.1.1 section 1.5, MQTT 5.0 section 1.5) written into a buffer. */
final class Wire {

    private Wire() {
    }

    static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        writeVariableInt(packet, body.length);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    static void writeVariableInt(ByteArrayOutputStream out, int value) {
        int remaining = value;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            out.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
    }

    static void writeTwoBytes(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xFF);
        out.write(value & 0xFF);
    }

    static void writeFourBytes(ByteArrayOutputStream out, long value) {
        writeTwoBytes(out, (int) (value >> 16));
        writeTwoBytes(out, (int) value);
    }

    static void writeString(ByteArrayOutputStream out, String value) {
        writeBinary(out, value.getBytes(StandardCharsets.UTF_8));
    }

    static void writeBinary(ByteArrayOutputStream out, byte[] value) {
        writeTwoBytes(out, value.length);
        out.writeBytes(value);
    }
}
