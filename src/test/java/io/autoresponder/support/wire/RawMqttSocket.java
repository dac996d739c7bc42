package io.autoresponder.support.wire;

import static io.autoresponder.support.wire.Wire.packet;
import static io.autoresponder.support.wire.Wire.writeFourBytes;
import static io.autoresponder.support.wire.Wire.writeString;
import static io.autoresponder.support.wire.Wire.writeVariableInt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * A hand-written MQTT 3.1.1 peer (and a few MQTT 5 packets) for sending packets that real clients refuse to
 * build (invalid topics), that must be cut at chosen byte boundaries, or for seeing wire details real clients
 * hide (DUP flag, packet identifiers) and leaving acknowledgements out on purpose.
 */
public final class RawMqttSocket implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawMqttSocket(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** CONNECT with clean session and the given client id; returns the CONNACK return code. */
    public int connect(String clientId) throws IOException {
        return connect(clientId, true);
    }

    /** CONNECT (MQTT 3.1.1) with the given client id; returns the CONNACK return code. */
    public int connect(String clientId, boolean cleanSession) throws IOException {
        return connectForAck(clientId, cleanSession).code();
    }

    /**
     * CONNECT (MQTT 3.1.1, clean session) with a will message and the given keep-alive; returns the CONNACK
     * return code.
     */
    public int connectWithWill(String clientId, int keepAliveSeconds, String willTopic, byte[] willPayload, int willQos,
            boolean willRetain) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);
        body.write(0x02 | 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0));
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds & 0xFF);
        writeString(body, clientId);
        writeString(body, willTopic);
        body.write(willPayload.length >> 8);
        body.write(willPayload.length & 0xFF);
        body.writeBytes(willPayload);
        send(packet(0x10, body.toByteArray()));
        return readConnAck().code();
    }

    /** CONNACK as read from the wire. */
    public record ConnAck(boolean sessionPresent, int code) {
    }

    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int PINGRESP = 13;

    /** CONNECT (MQTT 3.1.1); returns the whole CONNACK, session present flag included [MQTT-3.2.2-1..3]. */
    public ConnAck connectForAck(String clientId, boolean cleanSession) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);
        body.write(cleanSession ? 0x02 : 0x00);
        body.write(0);
        body.write(60);
        writeString(body, clientId);
        send(packet(0x10, body.toByteArray()));
        return readConnAck();
    }

    /**
     * CONNECT (MQTT 5) with a session expiry interval and, when {@code willTopic} is not null, a QoS 0 will
     * with the given will delay interval (MQTT 5.0 section 3.1.3.2.2).
     */
    public ConnAck connect5(String clientId, boolean cleanStart, long sessionExpirySeconds, String willTopic,
            String willPayload, long willDelaySeconds) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(5);
        body.write((cleanStart ? 0x02 : 0x00) | (willTopic != null ? 0x04 : 0x00));
        body.write(0);
        body.write(60);
        ByteArrayOutputStream properties = new ByteArrayOutputStream();
        properties.write(0x11); // session expiry interval
        writeFourBytes(properties, sessionExpirySeconds);
        writeVariableInt(body, properties.size());
        body.writeBytes(properties.toByteArray());
        writeString(body, clientId);
        if (willTopic != null) {
            ByteArrayOutputStream willProperties = new ByteArrayOutputStream();
            willProperties.write(0x18); // will delay interval
            writeFourBytes(willProperties, willDelaySeconds);
            writeVariableInt(body, willProperties.size());
            body.writeBytes(willProperties.toByteArray());
            writeString(body, willTopic);
            writeString(body, willPayload);
        }
        send(packet(0x10, body.toByteArray()));
        return readConnAck();
    }

    /** MQTT 5 DISCONNECT with a reason code (0x04: disconnect with will message) and no properties. */
    public void disconnect5(int reasonCode) throws IOException {
        send(new byte[] { (byte) 0xE0, 2, (byte) reasonCode, 0 });
    }

    /** SUBSCRIBE (MQTT 3.1.1) to one filter; returns the SUBACK return code. */
    public int subscribe(int packetId, String filter, int qos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        writeString(body, filter);
        body.write(qos);
        send(packet(0x82, body.toByteArray()));
        Packet suback = readPacket();
        if (suback.type() != 9) {
            throw new IOException("expected SUBACK, got type " + suback.type());
        }
        return suback.body()[2] & 0xFF;
    }

    /**
     * SUBSCRIBE (MQTT 5) to one filter with a subscription identifier (0: none, else property 0x0B); returns
     * the SUBACK reason code.
     */
    public int subscribe5(int packetId, String filter, int qos, int subscriptionId) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        ByteArrayOutputStream properties = new ByteArrayOutputStream();
        if (subscriptionId != 0) {
            properties.write(0x0B);
            writeVariableInt(properties, subscriptionId);
        }
        writeVariableInt(body, properties.size());
        body.writeBytes(properties.toByteArray());
        writeString(body, filter);
        body.write(qos);
        send(packet(0x82, body.toByteArray()));
        Packet suback = readPacket();
        if (suback.type() != 9) {
            throw new IOException("expected SUBACK, got type " + suback.type());
        }
        java.io.ByteArrayInputStream rest = new java.io.ByteArrayInputStream(suback.body(), 2, suback.body().length);
        int propertiesLength = Wire.readVariableInt(rest);
        return suback.body()[suback.body().length - rest.available() + propertiesLength] & 0xFF;
    }

    /** PUBLISH (MQTT 3.1.1) at QoS 1 or 2 with a chosen packet identifier and DUP flag. */
    public void publish(String topic, String payload, int qos, int packetId, boolean dup) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        send(packet(0x30 | (dup ? 0x08 : 0) | (qos << 1), body.toByteArray()));
    }

    /** An acknowledgement (PUBACK, PUBREC, PUBREL or PUBCOMP) of {@code packetId}. */
    public void acknowledge(int type, int packetId) throws IOException {
        int flags = type == PUBREL ? 0x02 : 0x00; // [MQTT-3.6.1-1]
        send(new byte[] { (byte) (type << 4 | flags), 2, (byte) (packetId >> 8), (byte) packetId });
    }

    /** The next packet, waiting at most the socket timeout. */
    public Packet readPacket() throws IOException {
        Packet frame = Wire.readPacket(in);
        if (frame == null) {
            throw new IOException("connection closed by the broker");
        }
        return frame;
    }

    /** The next packet if one comes within {@code millis}, else null (the socket timeout is restored). */
    public Packet readPacketWithin(int millis) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return readPacket();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    private ConnAck readConnAck() throws IOException {
        Packet connack = Wire.readPacket(in);
        if (connack == null) {
            throw new java.io.EOFException("connection closed before CONNACK");
        }
        if (connack.type() != 2) {
            throw new IOException("expected CONNACK, got type " + connack.type());
        }
        return new ConnAck((connack.body()[0] & 0x01) != 0, connack.body()[1] & 0xFF);
    }

    /** DISCONNECT: a normal end of the connection, after which the will is discarded [MQTT-3.14.4-3]. */
    public void disconnect() throws IOException {
        send(new byte[] { (byte) 0xE0, 0 });
    }

    /** A QoS 0 PUBLISH with the topic given as raw bytes (so it can be malformed). */
    public static byte[] publish(byte[] topic, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(topic.length >> 8);
        body.write(topic.length & 0xFF);
        body.writeBytes(topic);
        body.writeBytes(payload);
        return packet(0x30, body.toByteArray());
    }

    public static byte[] publish(String topic, byte[] payload) {
        return publish(topic.getBytes(StandardCharsets.UTF_8), payload);
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends {@code bytes} as separate TCP segments of {@code chunk} bytes. The short pause between writes lets
     * each segment reach the peer's socket on its own, so the peer's decoder sees split reads.
     */
    public void sendInPieces(byte[] bytes, int chunk) throws IOException {
        for (int i = 0; i < bytes.length; i += chunk) {
            out.write(bytes, i, Math.min(chunk, bytes.length - i));
            out.flush();
            LockSupport.parkNanos(2_000_000);
        }
    }

    /** PINGREQ; true if PINGRESP came back (the connection is alive). */
    public boolean ping() throws IOException {
        send(new byte[] { (byte) 0xC0, 0 });
        try {
            return in.read() == 0xD0 && in.read() == 0;
        } catch (SocketTimeoutException | java.net.SocketException e) {
            return false;
        }
    }

    /** Whether the peer closed the connection within the socket timeout. */
    public boolean closedByPeer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
