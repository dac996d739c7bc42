package io.autoresponder.support.wire;

import static io.autoresponder.support.wire.Wire.packet;
import static io.autoresponder.support.wire.Wire.writeString;
import static io.autoresponder.support.wire.Wire.writeVariableInt;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A hand-written MQTT 5 peer for packets real clients do not send (topic alias 0, aliases nobody set up, empty
 * topic names) and for reading the broker's answers byte by byte: CONNACK properties, DISCONNECT reason codes.
 */
public final class RawMqtt5Socket implements AutoCloseable {

    /** Property identifiers (MQTT 5.0 section 2.2.2.2) used by the tests. */
    public static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    public static final int REASON_STRING = 0x1F;
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    public static final int TOPIC_ALIAS = 0x23;

    /** CONNACK: reason code and properties. */
    public record ConnAck(int reasonCode, Map<Integer, Object> properties) {
    }

    /** DISCONNECT from the broker: reason code and properties (empty when the packet has none). */
    public record Disconnect(int reasonCode, Map<Integer, Object> properties) {
    }

    /** PUBREC from the broker: packet identifier, reason code and properties. */
    public record PubRec(int packetId, int reasonCode, Map<Integer, Object> properties) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    public RawMqtt5Socket(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
    }

    /** CONNECT (clean start) with {@code keepAliveSeconds} and the CONNECT properties given; returns the CONNACK. */
    public ConnAck connect(String clientId, int keepAliveSeconds, byte[] properties) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(5);
        body.write(0x02);
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds & 0xFF);
        writeVariableInt(body, properties.length);
        body.writeBytes(properties);
        writeString(body, clientId);
        send(packet(0x10, body.toByteArray()));
        Packet connack = read();
        if (connack.type() != 2) {
            throw new IOException("expected CONNACK, got packet type " + connack.type());
        }
        ByteInput input = new ByteInput(connack.body(), 1);
        int reasonCode = input.unsignedByte();
        return new ConnAck(reasonCode, input.properties());
    }

    /** CONNECT (clean start) with a QoS 0 will on {@code willTopic}; returns the CONNACK. */
    public ConnAck connectWithWill(String clientId, int keepAliveSeconds, String willTopic, byte[] willPayload)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(5);
        body.write(0x02 | 0x04);
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds & 0xFF);
        writeVariableInt(body, 0);
        writeString(body, clientId);
        writeVariableInt(body, 0); // will properties
        writeString(body, willTopic);
        body.write(willPayload.length >> 8);
        body.write(willPayload.length & 0xFF);
        body.writeBytes(willPayload);
        send(packet(0x10, body.toByteArray()));
        Packet connack = read();
        ByteInput input = new ByteInput(connack.body(), 1);
        int reasonCode = input.unsignedByte();
        return new ConnAck(reasonCode, input.properties());
    }

    public ConnAck connect(String clientId) throws IOException {
        return connect(clientId, 60, new byte[0]);
    }

    /** SUBSCRIBE to {@code filter} at QoS 0 with packet identifier 1; returns the SUBACK's reason code. */
    public int subscribe(String filter) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.write(1);
        writeVariableInt(body, 0);
        writeString(body, filter);
        body.write(0);
        send(packet(0x82, body.toByteArray()));
        while (true) {
            Packet answer = read();
            if (answer.type() == 9) {
                byte[] suback = answer.body();
                // packet id (2), properties length (varint, 0 here unless a reason string came), reason code
                return suback[suback.length - 1] & 0xFF;
            }
        }
    }

    /** A QoS 0 PUBLISH on {@code topic} (may be empty) with a Topic Alias property unless {@code alias} is null. */
    public void publish(String topic, Integer alias, byte[] payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        byte[] properties = alias == null ? new byte[0] : properties().twoBytes(TOPIC_ALIAS, alias).build();
        writeVariableInt(body, properties.length);
        body.writeBytes(properties);
        body.writeBytes(payload);
        send(packet(0x30, body.toByteArray()));
    }

    /** A QoS 2 PUBLISH with packet identifier {@code packetId} and the given PUBLISH properties. */
    public void publishQos2(String topic, int packetId, byte[] payload, byte[] properties) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        writeVariableInt(body, properties.length);
        body.writeBytes(properties);
        body.writeBytes(payload);
        send(packet(0x34, body.toByteArray()));
    }

    /** PINGREQ; true if PINGRESP came back. */
    public boolean ping() throws IOException {
        send(new byte[] { (byte) 0xC0, 0 });
        try {
            Packet answer = read();
            return answer.type() == 13;
        } catch (SocketTimeoutException | SocketException | EOFException e) {
            return false;
        }
    }

    /** Reads packets until a DISCONNECT (returned) or the end of the stream (null). */
    public Disconnect awaitDisconnect() throws IOException {
        Packet packet = awaitType(14);
        if (packet == null) {
            return null;
        }
        if (packet.body().length == 0) {
            return new Disconnect(0, Map.of());
        }
        ByteInput input = new ByteInput(packet.body(), 0);
        int reasonCode = input.unsignedByte();
        return new Disconnect(reasonCode, input.remaining() > 0 ? input.properties() : Map.of());
    }

    /** Reads packets until a PUBREC (returned) or the end of the stream (null). */
    public PubRec awaitPubRec() throws IOException {
        Packet packet = awaitType(5);
        if (packet == null) {
            return null;
        }
        ByteInput input = new ByteInput(packet.body(), 0);
        int packetId = input.twoBytes();
        if (input.remaining() == 0) {
            return new PubRec(packetId, 0, Map.of());
        }
        int reasonCode = input.unsignedByte();
        return new PubRec(packetId, reasonCode, input.remaining() > 0 ? input.properties() : Map.of());
    }

    // The next packet of this type, skipping others; null when the connection ends first.
    private Packet awaitType(int type) throws IOException {
        while (true) {
            Packet packet;
            try {
                packet = read();
            } catch (EOFException | SocketException closed) {
                return null;
            }
            if (packet.type() == type) {
                return packet;
            }
        }
    }

    /** Whether the broker closed the connection (after any packets) within the socket timeout. */
    public boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    public Packet read() throws IOException {
        Packet frame = Wire.readPacket(in);
        if (frame == null) {
            throw new EOFException("connection closed by the broker");
        }
        return frame;
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Builds a property list (without its length prefix). */
    public static PropertiesBuilder properties() {
        return new PropertiesBuilder();
    }

    /** MQTT 5 properties, encoded as the spec says (section 2.2.2). */
    public static final class PropertiesBuilder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        public PropertiesBuilder oneByte(int id, int value) {
            bytes.write(id);
            bytes.write(value);
            return this;
        }

        public PropertiesBuilder twoBytes(int id, int value) {
            bytes.write(id);
            bytes.write(value >> 8);
            bytes.write(value & 0xFF);
            return this;
        }

        public byte[] build() {
            return bytes.toByteArray();
        }
    }

    /** Reads the body of a received packet. */
    private static final class ByteInput {
        private final byte[] bytes;
        private int position;

        ByteInput(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        int remaining() {
            return bytes.length - position;
        }

        int unsignedByte() {
            return bytes[position++] & 0xFF;
        }

        int twoBytes() {
            return (unsignedByte() << 8) | unsignedByte();
        }

        long fourBytes() {
            return ((long) twoBytes() << 16) | twoBytes();
        }

        int variableInt() {
            try {
                return Wire.readVariableInt(this::unsignedByte);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String string() {
            int length = twoBytes();
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        /** The property list at the current position; user properties are kept as "key=value". */
        Map<Integer, Object> properties() {
            int end = variableInt() + position;
            Map<Integer, Object> properties = new HashMap<>();
            while (position < end) {
                int id = variableInt();
                Object value = switch (id) {
                    case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> unsignedByte();
                    case 0x13, 0x21, 0x22, 0x23 -> twoBytes();
                    case 0x02, 0x11, 0x18, 0x27 -> fourBytes();
                    case 0x0B -> variableInt();
                    case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> string();
                    case 0x09, 0x16 -> {
                        int length = twoBytes();
                        position += length;
                        yield length;
                    }
                    case 0x26 -> string() + "=" + string();
                    default -> throw new IllegalStateException("unknown property " + id);
                };
                properties.put(id, value);
            }
            return properties;
        }
    }
}
