package io.autoresponder.support.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One packet as a client received it, rendered as a line of text that two brokers must agree on: type, flags,
 * reason codes, topic, payload and the MQTT 5 properties a client can rely on. Packet identifiers are left out
 * (each broker picks its own), and so are reason strings and user properties of acknowledgements (optional
 * diagnostics, MQTT 5.0 section 3.4.2.2) and CONNACK properties other than an assigned client identifier
 * (server limits, compared on their own with {@link #connAckProperties()}).
 */
public final class PacketText {

    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int SUBACK = 9;
    public static final int UNSUBACK = 11;
    public static final int PINGRESP = 13;
    public static final int DISCONNECT = 14;

    private static final Map<Integer, String> NAMES = Map.of(CONNACK, "CONNACK", PUBLISH, "PUBLISH", PUBACK, "PUBACK",
            PUBREC, "PUBREC", PUBREL, "PUBREL", PUBCOMP, "PUBCOMP", SUBACK, "SUBACK", UNSUBACK, "UNSUBACK",
            PINGRESP, "PINGRESP", DISCONNECT, "DISCONNECT");

    private final int version;
    private final int header;
    private final byte[] body;

    public PacketText(int version, int header, byte[] body) {
        this.version = version;
        this.header = header;
        this.body = body;
    }

    public int type() {
        return header >> 4;
    }

    public int qos() {
        return (header >> 1) & 0x03;
    }

    /** Packet identifier of a PUBLISH at QoS 1/2 or of an acknowledgement. */
    public int packetId() {
        int at = type() == PUBLISH ? 2 + twoBytes(0) : 0;
        return twoBytes(at);
    }

    @Override
    public String toString() {
        String name = NAMES.getOrDefault(type(), "type " + type());
        return switch (type()) {
            case CONNACK -> name + " sp=" + (body[0] & 1) + " rc=" + hex(body[1])
                    + (connAckProperties().containsKey(0x12) ? " assigned-client-id" : "");
            case PUBLISH -> publish();
            case PUBACK, PUBREC, PUBREL, PUBCOMP -> name + (version == Packets.V5 && body.length > 2 ? " rc=" + hex(body[2])
                    : " rc=0x00");
            case SUBACK, UNSUBACK -> name + " " + reasonCodes();
            case DISCONNECT -> name + (body.length > 0 ? " rc=" + hex(body[0]) : " rc=0x00");
            default -> name;
        };
    }

    /** CONNACK properties in MQTT 5 (section 3.2.2.3) by identifier, values as text. */
    public Map<Integer, String> connAckProperties() {
        return version == Packets.V5 && body.length > 2 ? properties(2).values : Map.of();
    }

    private String publish() {
        int topicLength = twoBytes(0);
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        int at = 2 + topicLength + (qos() > 0 ? 2 : 0);
        StringBuilder text = new StringBuilder("PUBLISH ").append(topic).append(" q").append(qos())
                .append(" r").append(header & 1).append(" d").append((header >> 3) & 1);
        if (version == Packets.V5) {
            Parsed parsed = properties(at);
            at = parsed.end;
            // A forwarded message expiry is the remaining time (MQTT-3.3.2-6): which second it shows depends on timing.
            parsed.values.computeIfPresent(Properties5.MESSAGE_EXPIRY, (id, value) -> "set");
            text.append(' ').append(parsed.values);
        }
        return text.append(" '").append(new String(body, at, body.length - at, StandardCharsets.UTF_8)).append('\'')
                .toString();
    }

    private List<String> reasonCodes() {
        int at = 2;
        if (version == Packets.V5) {
            at = properties(at).end;
        }
        List<String> codes = new ArrayList<>();
        for (int i = at; i < body.length; i++) {
            codes.add(hex(body[i]));
        }
        return codes;
    }

    private record Parsed(Map<Integer, String> values, int end) {
    }

    /** Properties from {@code start} by identifier; repeated ones (user properties, subscription ids) joined. */
    private Parsed properties(int start) {
        ByteArrayInputStream in = new ByteArrayInputStream(body, start, body.length - start);
        int length = variableInt(in);
        int end = body.length - in.available() + length;
        Map<Integer, List<String>> found = new TreeMap<>();
        while (body.length - in.available() < end) {
            int id = in.read();
            String value = switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> Integer.toString(in.read());
                case 0x13, 0x21, 0x22, 0x23 -> Integer.toString(twoBytes(in));
                case 0x02, 0x11, 0x18, 0x27 -> Long.toString(((long) twoBytes(in) << 16) | twoBytes(in));
                case 0x0B -> Integer.toString(variableInt(in));
                case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> string(in);
                case 0x09, 0x16 -> HexFormat.of().formatHex(bytes(in, twoBytes(in)));
                case 0x26 -> string(in) + "=" + string(in);
                default -> throw new IllegalStateException("unknown property 0x" + Integer.toHexString(id));
            };
            found.computeIfAbsent(id, key -> new ArrayList<>()).add(value);
        }
        Map<Integer, String> values = new TreeMap<>();
        // Subscription identifiers come in no specified order; user properties keep theirs [MQTT-3.3.2-18].
        found.forEach((id, list) -> values.put(id, String.join(",",
                id == Properties5.SUBSCRIPTION_ID ? list.stream().sorted().toList() : list)));
        return new Parsed(values, end);
    }

    private int twoBytes(int at) {
        return ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
    }

    private static int twoBytes(ByteArrayInputStream in) {
        return (in.read() << 8) | in.read();
    }

    private static String string(ByteArrayInputStream in) {
        return new String(bytes(in, twoBytes(in)), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteArrayInputStream in, int count) {
        byte[] bytes = new byte[count];
        in.read(bytes, 0, count);
        return bytes;
    }

    private static int variableInt(ByteArrayInputStream in) {
        try {
            return Wire.readVariableInt(in);
        } catch (IOException e) {
            throw new IllegalStateException("truncated variable byte integer", e);
        }
    }

    private static String hex(byte value) {
        return String.format("0x%02X", value & 0xFF);
    }
}
