package io.autoresponder.support.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One packet as read from the wire.
 *
 * @param header first byte: type in the high nibble, flags (DUP, QoS, RETAIN for PUBLISH) in the low one
 */
public record Packet(int header, byte[] body) {

    public int type() {
        return header >> 4;
    }

    public boolean dup() {
        return (header & 0x08) != 0;
    }

    public int qos() {
        return (header >> 1) & 0x03;
    }

    /** Packet identifier: of an MQTT 3.1.1 PUBLISH at QoS 1/2, or of an acknowledgement. */
    public int packetId() {
        if (type() == RawMqttSocket.PUBLISH) {
            int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            return ((body[2 + topicLength] & 0xFF) << 8) | (body[3 + topicLength] & 0xFF);
        }
        return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    /**
     * MQTT 5 subscription identifiers of a PUBLISH at QoS 0 or 1 (section 3.3.2.3.8), in packet order. Reads
     * the properties a broker forwards; others fail the test loudly.
     */
    public java.util.List<Integer> subscriptionIds5() throws IOException {
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        java.io.ByteArrayInputStream properties = new java.io.ByteArrayInputStream(body, 2 + topicLength
                + (qos() > 0 ? 2 : 0), body.length);
        int length = Wire.readVariableInt(properties);
        int end = body.length - properties.available() + length;
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        while (body.length - properties.available() < end) {
            int id = properties.read();
            switch (id) {
                case 0x0B -> ids.add(Wire.readVariableInt(properties));
                case 0x01 -> properties.skip(1);
                case 0x02 -> properties.skip(4);
                case 0x23 -> properties.skip(2);
                case 0x03, 0x08, 0x09 -> properties.skip(((properties.read() & 0xFF) << 8) | (properties.read() & 0xFF));
                case 0x26 -> {
                    properties.skip(((properties.read() & 0xFF) << 8) | (properties.read() & 0xFF));
                    properties.skip(((properties.read() & 0xFF) << 8) | (properties.read() & 0xFF));
                }
                default -> throw new IOException("unexpected PUBLISH property " + id);
            }
        }
        return ids;
    }

    /** The Topic Alias of an MQTT 5 PUBLISH (section 3.3.2.3.4), or null when it carries none. */
    public Integer topicAlias5() throws IOException {
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        java.io.ByteArrayInputStream properties = new java.io.ByteArrayInputStream(body, 2 + topicLength
                + (qos() > 0 ? 2 : 0), body.length);
        int length = Wire.readVariableInt(properties);
        int end = body.length - properties.available() + length;
        Integer alias = null;
        while (body.length - properties.available() < end) {
            int id = properties.read();
            switch (id) {
                case 0x23 -> alias = ((properties.read() & 0xFF) << 8) | (properties.read() & 0xFF);
                case 0x0B -> Wire.readVariableInt(properties);
                case 0x01 -> properties.skip(1);
                case 0x02 -> properties.skip(4);
                case 0x03, 0x08, 0x09 -> properties.skip(((properties.read() & 0xFF) << 8) | (properties.read() & 0xFF));
                case 0x26 -> {
                    properties.skip(((properties.read() & 0xFF) << 8) | (properties.read() & 0xFF));
                    properties.skip(((properties.read() & 0xFF) << 8) | (properties.read() & 0xFF));
                }
                default -> throw new IOException("unexpected PUBLISH property " + id);
            }
        }
        return alias;
    }

    /** Payload of an MQTT 5 PUBLISH, as UTF-8. */
    public String payload5() throws IOException {
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        java.io.ByteArrayInputStream properties = new java.io.ByteArrayInputStream(body, 2 + topicLength
                + (qos() > 0 ? 2 : 0), body.length);
        int length = Wire.readVariableInt(properties);
        int start = body.length - properties.available() + length;
        return new String(body, start, body.length - start, StandardCharsets.UTF_8);
    }

    /** Topic of a PUBLISH. */
    public String topic() {
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        return new String(body, 2, topicLength, StandardCharsets.UTF_8);
    }

    /** Payload of an MQTT 3.1.1 PUBLISH. */
    public String payload() {
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        int start = 2 + topicLength + (qos() > 0 ? 2 : 0);
        return new String(body, start, body.length - start, StandardCharsets.UTF_8);
    }
}

