package io.autoresponder.support.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;

/**
 * One client connection of a conformance scenario: it sends hand-built packets and writes what it observes
 * (each packet received, silence, the connection closed) as lines {@code "<name>: <observation>"} into the
 * scenario's transcript, which is then compared between brokers.
 */
public final class ScriptedPeer implements AutoCloseable {

    /** How long a packet the scenario expects may take; only a broker that stays silent waits this long. */
    private static final int EXPECT_MILLIS = 3_000;

    private final String name;
    private final Packets packets;
    private final List<String> transcript;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private PacketText lastPublish;
    private PacketText lastConnAck;

    ScriptedPeer(String name, int version, int port, List<String> transcript) throws IOException {
        this.name = name;
        this.packets = new Packets(version);
        this.transcript = transcript;
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Packet builders for this peer's protocol version. */
    public Packets packets() {
        return packets;
    }

    /** Sends CONNECT and records the answer. */
    public ScriptedPeer connect(Packets.Connect connect) throws IOException {
        send(connect.bytes());
        return expect();
    }

    /**
     * Sends bytes. A write the broker already refused (connection closed) is not recorded: when it closed is
     * what the next {@link #expect()} shows.
     */
    public ScriptedPeer send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException closed) {
            // seen by the next read
        }
        return this;
    }

    /** Records the next packet, or that the connection closed, or silence for {@value #EXPECT_MILLIS} ms. */
    public ScriptedPeer expect() throws IOException {
        return observe(EXPECT_MILLIS);
    }

    /** Records the next {@code count} observations. */
    public ScriptedPeer expect(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            expect();
        }
        return this;
    }

    /**
     * Proves that nothing more is on its way to this peer without waiting for silence: sends PINGREQ and records the
     * next packet, which reads "PINGRESP" when nothing the broker had routed to this peer came first (a broker
     * answers one connection's packets in order and writes what it queued for the peer before).
     */
    public ScriptedPeer expectNothingMore() throws IOException {
        return send(packets.pingreq()).expect();
    }

    /**
     * Records what comes within {@code millis}: for a scenario where nothing should come, "silent". Only for what a
     * sentinel cannot order, such as a will the broker publishes once it noticed a connection ended.
     */
    public ScriptedPeer observe(int millis) throws IOException {
        transcript.add(name + ": " + next(millis));
        return this;
    }

    /** Acknowledges the last PUBLISH received: PUBACK at QoS 1; PUBREC, the PUBREL (recorded), PUBCOMP at QoS 2. */
    public ScriptedPeer acknowledgeLast() throws IOException {
        if (lastPublish == null || lastPublish.qos() == 0) {
            throw new IllegalStateException(name + ": no PUBLISH at QoS 1/2 to acknowledge");
        }
        int id = lastPublish.packetId();
        if (lastPublish.qos() == 1) {
            return send(packets.acknowledgement(PacketText.PUBACK, id));
        }
        send(packets.acknowledgement(PacketText.PUBREC, id));
        expect();
        return send(packets.acknowledgement(PacketText.PUBCOMP, id));
    }

    /** MQTT 5 properties of the last CONNACK received, by identifier. */
    public Map<Integer, String> connAckProperties() {
        return lastConnAck == null ? Map.of() : lastConnAck.connAckProperties();
    }

    /** Closes the socket without DISCONNECT: an abnormal loss of the connection for the broker. */
    public void drop() throws IOException {
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String next(int millis) throws IOException {
        if (socket.isClosed()) {
            return "closed";
        }
        socket.setSoTimeout(millis);
        try {
            Packet frame = Wire.readPacket(in);
            if (frame == null) {
                return "closed";
            }
            PacketText packet = new PacketText(packets.version(), frame.header(), frame.body());
            if (packet.type() == PacketText.PUBLISH) {
                lastPublish = packet;
            } else if (packet.type() == PacketText.CONNACK) {
                lastConnAck = packet;
            }
            return packet.toString();
        } catch (SocketTimeoutException e) {
            return "silent";
        } catch (SocketException reset) {
            return "closed";
        }
    }
}
