package io.autoresponder.support;

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
 * A hand-written MQTT 3.1.1 peer for sending packets that real clients refuse to build (invalid topics) or
 * that must be cut at chosen byte boundaries.
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
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        body.write(cleanSession ? 0x02 : 0x00);
        body.write(0);
        body.write(60); // keep-alive seconds
        writeString(body, clientId);
        send(packet(0x10, body.toByteArray()));
        int type = in.read();
        if (type < 0) {
            throw new java.io.EOFException("connection closed before CONNACK");
        }
        int length = in.read();
        byte[] rest = in.readNBytes(length);
        if (type != 0x20 || length != 2) {
            throw new IOException("expected CONNACK, got type " + type);
        }
        return rest[1];
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
        int type = in.read();
        if (type < 0) {
            throw new java.io.EOFException("connection closed before CONNACK");
        }
        int length = in.read();
        byte[] rest = in.readNBytes(length);
        if (type != 0x20 || length != 2) {
            throw new IOException("expected CONNACK, got type " + type);
        }
        return rest[1];
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

    private static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int remaining = body.length;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
