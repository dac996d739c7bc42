package io.autoresponder.support.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** MQTT 5 properties (section 2.2.2) to put into a packet, in the order added. */
public final class Properties5 {

    public static final int PAYLOAD_FORMAT = 0x01;
    public static final int MESSAGE_EXPIRY = 0x02;
    public static final int CONTENT_TYPE = 0x03;
    public static final int RESPONSE_TOPIC = 0x08;
    public static final int CORRELATION_DATA = 0x09;
    public static final int SUBSCRIPTION_ID = 0x0B;
    public static final int SESSION_EXPIRY = 0x11;
    public static final int WILL_DELAY = 0x18;
    public static final int TOPIC_ALIAS = 0x23;
    public static final int USER_PROPERTY = 0x26;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public static Properties5 none() {
        return new Properties5();
    }

    public Properties5 byteValue(int id, int value) {
        bytes.write(id);
        bytes.write(value);
        return this;
    }

    public Properties5 twoBytes(int id, int value) {
        bytes.write(id);
        Wire.writeTwoBytes(bytes, value);
        return this;
    }

    public Properties5 fourBytes(int id, long value) {
        bytes.write(id);
        Wire.writeFourBytes(bytes, value);
        return this;
    }

    public Properties5 variableInt(int id, int value) {
        bytes.write(id);
        Wire.writeVariableInt(bytes, value);
        return this;
    }

    public Properties5 string(int id, String value) {
        bytes.write(id);
        Wire.writeString(bytes, value);
        return this;
    }

    public Properties5 binary(int id, byte[] value) {
        bytes.write(id);
        Wire.writeBinary(bytes, value);
        return this;
    }

    public Properties5 userProperty(String name, String value) {
        bytes.write(USER_PROPERTY);
        Wire.writeString(bytes, name);
        Wire.writeString(bytes, value);
        return this;
    }

    /** Length (variable byte integer) followed by the properties, as they go on the wire. */
    byte[] encoded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Wire.writeVariableInt(out, bytes.size());
        out.writeBytes(bytes.toByteArray());
        return out.toByteArray();
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
