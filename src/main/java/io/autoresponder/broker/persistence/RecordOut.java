package io.autoresponder.broker.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.vertx.core.buffer.Buffer;

/** Builds one record's frame: fields appended big-endian after the reserved {@link Frame#HEADER}. */
final class RecordOut {

    private byte[] bytes;
    private int length = Frame.HEADER;

    RecordOut(byte kind, int sizeHint) {
        bytes = new byte[Frame.HEADER + 1 + Math.max(32, sizeHint)];
        writeByte(kind);
    }

    RecordOut writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    RecordOut writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    RecordOut writeInt(int value) {
        ensure(4);
        ByteBuffer.wrap(bytes, length, 4).putInt(value);
        length += 4;
        return this;
    }

    RecordOut writeLong(long value) {
        ensure(8);
        ByteBuffer.wrap(bytes, length, 8).putLong(value);
        length += 8;
        return this;
    }

    RecordOut writeBytes(byte[] value) {
        writeInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    RecordOut writeBuffer(Buffer value) {
        int size = value.length();
        writeInt(size);
        ensure(size);
        value.getBytes(0, size, bytes, length);
        length += size;
        return this;
    }

    RecordOut writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string that may be null. */
    RecordOut writeNullable(String value) {
        writeBoolean(value != null);
        return value == null ? this : writeString(value);
    }

    /** MQTT 5 properties, each with its identifier and a tag for its value's shape. */
    RecordOut writeProperties(MqttProperties properties) {
        var all = properties.listAll();
        int count = 0;
        for (MqttProperties.MqttProperty<?> property : all) {
            count += property instanceof MqttProperties.UserProperties users ? users.value().size() : 1;
        }
        writeInt(count);
        for (MqttProperties.MqttProperty<?> property : all) {
            if (property instanceof MqttProperties.UserProperties users) {
                for (MqttProperties.StringPair pair : users.value()) {
                    writeByte(PropertyShape.USER).writeString(pair.key).writeString(pair.value);
                }
            } else if (property instanceof MqttProperties.UserProperty user) {
                writeByte(PropertyShape.USER).writeString(user.value().key).writeString(user.value().value);
            } else if (property instanceof MqttProperties.IntegerProperty integer) {
                writeByte(PropertyShape.INTEGER).writeInt(property.propertyId()).writeInt(integer.value());
            } else if (property instanceof MqttProperties.StringProperty string) {
                writeByte(PropertyShape.STRING).writeInt(property.propertyId()).writeString(string.value());
            } else if (property instanceof MqttProperties.BinaryProperty binary) {
                writeByte(PropertyShape.BINARY).writeInt(property.propertyId()).writeBytes(binary.value());
            } else {
                throw new IllegalArgumentException("property " + property.propertyId() + " of an unknown kind");
            }
        }
        return this;
    }

    /** The sealed frame. */
    ByteBuffer frame() {
        return Frame.seal(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** How a property's value is written. */
    static final class PropertyShape {
        static final int INTEGER = 0;
        static final int STRING = 1;
        static final int BINARY = 2;
        static final int USER = 3;

        private PropertyShape() {
        }
    }
}
