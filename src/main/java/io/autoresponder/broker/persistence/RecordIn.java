package io.autoresponder.broker.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.buffer.Buffer;

/** Reads the fields of one record's body, as {@link RecordOut} wrote them; any inconsistency is an exception. */
final class RecordIn {

    private final ByteBuffer body;

    RecordIn(ByteBuffer body) {
        this.body = body;
    }

    int readByte() {
        return body.get() & 0xFF;
    }

    boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw new IllegalArgumentException("boolean " + value);
        }
        return value == 1;
    }

    int readInt() {
        return body.getInt();
    }

    long readLong() {
        return body.getLong();
    }

    byte[] readBytes() {
        int size = body.getInt();
        if (size < 0 || size > body.remaining()) {
            throw new IllegalArgumentException("field of " + size + " bytes with " + body.remaining() + " left");
        }
        byte[] value = new byte[size];
        body.get(value);
        return value;
    }

    Buffer readBuffer() {
        return Buffer.buffer(readBytes());
    }

    String readString() {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    String readNullable() {
        return readBoolean() ? readString() : null;
    }

    MqttProperties readProperties() {
        int count = readInt();
        if (count < 0 || count > body.remaining()) {
            throw new IllegalArgumentException(count + " properties");
        }
        MqttProperties properties = new MqttProperties();
        for (int i = 0; i < count; i++) {
            int shape = readByte();
            switch (shape) {
                case RecordOut.PropertyShape.USER -> properties.add(new MqttProperties.UserProperty(readString(), readString()));
                case RecordOut.PropertyShape.INTEGER -> properties.add(new MqttProperties.IntegerProperty(readInt(), readInt()));
                case RecordOut.PropertyShape.STRING -> properties.add(new MqttProperties.StringProperty(readInt(), readString()));
                case RecordOut.PropertyShape.BINARY -> properties.add(new MqttProperties.BinaryProperty(readInt(), readBytes()));
                default -> throw new IllegalArgumentException("property shape " + shape);
            }
        }
        return properties;
    }

    /** Fails unless every byte was read: a record with bytes to spare was not written by this broker. */
    void end() {
        if (body.hasRemaining()) {
            throw new IllegalArgumentException(body.remaining() + " bytes after the last field");
        }
    }
}
