package io.autoresponder.support.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.autoresponder.support.wire.Packets;
import io.autoresponder.support.wire.Properties5;

/**
 * One generated sequence of well-formed packets that break the protocol's order and state: a second CONNECT,
 * PUBREL, PUBREC, PUBACK and PUBCOMP for identifiers never used, identifiers reused while in flight, topic aliases
 * out of range or unknown, invalid topics and filters, take-over of the client id by a second connection in the
 * middle of a flow, DISCONNECT with and without will or session expiry, and leaving without DISCONNECT. Client ids
 * come from a small set, so sequences take over each other's sessions too.
 */
public final class AdversarialSession {

    private static final String[] TOPICS = { "seq/a", "seq/b", "seq/a/b", "", "seq/+/x", "seq/#", "$SYS/x", "seq/\u0000" };
    private static final String[] FILTERS = { "seq/#", "seq/a", "$share/g/seq/#", "#", "seq/a/#/b", "+/+", "$share/g",
            "seq/+" };

    private final int port;
    private final SplittableRandom random;
    private final List<String> log = new ArrayList<>();

    public AdversarialSession(int port, long seed) {
        this.port = port;
        this.random = new SplittableRandom(seed);
    }

    /** What was sent, step by step, to reproduce a failure. */
    public List<String> log() {
        return log;
    }

    /** Runs one sequence; network errors are what the broker answers a breach with. */
    public void run() {
        Packets packets = new Packets(random.nextBoolean() ? Packets.V5 : Packets.V311);
        String clientId = "seq-" + random.nextInt(6);
        List<Socket> sockets = new ArrayList<>(2);
        try {
            Socket socket = open(sockets);
            send(socket, connect(packets, clientId), "CONNECT " + clientId + " v" + packets.version());
            int steps = 1 + random.nextInt(20);
            for (int i = 0; i < steps && !socket.isClosed(); i++) {
                socket = step(packets, clientId, socket, sockets);
                drain(socket);
            }
        } catch (IOException closedByTheBroker) {
            log.add("closed: " + closedByTheBroker.getMessage());
        } finally {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already closed by the broker
                }
            }
        }
    }

    private Socket step(Packets packets, String clientId, Socket socket, List<Socket> sockets) throws IOException {
        int id = 1 + random.nextInt(3); // few identifiers: reused while in flight
        boolean v5 = packets.version() == Packets.V5;
        switch (random.nextInt(12)) {
            case 0, 1, 2 -> {
                int qos = random.nextInt(3);
                Properties5 properties = Properties5.none();
                String topic = TOPICS[random.nextInt(TOPICS.length)];
                if (v5 && random.nextInt(3) == 0) {
                    properties.twoBytes(Properties5.TOPIC_ALIAS, random.nextInt(14)); // 0 and above 10 invalid
                }
                if (v5 && random.nextInt(4) == 0) {
                    properties.byteValue(Properties5.PAYLOAD_FORMAT, 1);
                }
                send(socket, packets.publish(topic, random.nextBoolean() ? "{\"id\":1}" : "\u00ff", qos,
                        random.nextInt(4) == 0, id, properties), "PUBLISH " + topic + " qos " + qos + " id " + id);
            }
            case 3 -> send(socket, packets.acknowledgement(4 + random.nextInt(4), id), "ack type/id " + id);
            case 4, 5 -> {
                String filter = FILTERS[random.nextInt(FILTERS.length)];
                send(socket, packets.subscribe(id, filter, random.nextInt(v5 ? 64 : 4)), "SUBSCRIBE " + filter);
            }
            case 6 -> send(socket, packets.unsubscribe(id, FILTERS[random.nextInt(FILTERS.length)]), "UNSUBSCRIBE");
            case 7 -> send(socket, packets.pingreq(), "PINGREQ");
            case 8 -> send(socket, connect(packets, clientId), "second CONNECT");
            case 9 -> {
                Socket other = open(sockets);
                send(other, connect(packets, clientId), "take-over CONNECT " + clientId);
                return random.nextBoolean() ? other : socket;
            }
            case 10 -> {
                byte[] disconnect = v5 ? packets.disconnect(random.nextBoolean() ? 0x04 : 0x00,
                        random.nextBoolean() ? Properties5.none().fourBytes(Properties5.SESSION_EXPIRY, 60)
                                : Properties5.none()) : packets.disconnect();
                send(socket, disconnect, "DISCONNECT");
            }
            default -> {
                log.add("leave");
                socket.close();
            }
        }
        return socket;
    }

    private byte[] connect(Packets packets, String clientId) {
        Packets.Connect connect = packets.connect(clientId).keepAlive(random.nextInt(4) * 30);
        if (random.nextBoolean()) {
            connect.persistent();
        }
        if (random.nextInt(3) == 0) {
            connect.will("seq/will", "gone", random.nextInt(3), random.nextBoolean());
        }
        return connect.bytes();
    }

    private Socket open(List<Socket> sockets) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoLinger(true, 0);
        sockets.add(socket);
        return socket;
    }

    private void send(Socket socket, byte[] packet, String what) throws IOException {
        log.add(what);
        socket.getOutputStream().write(packet);
        socket.getOutputStream().flush();
    }

    /** Reads what the broker sent so far, so its writes never wait on this client. */
    private static void drain(Socket socket) throws IOException {
        if (socket.isClosed()) {
            return;
        }
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (in.available() > 0 && in.read(buffer) > 0) {
            // discarded: the invariants, not the answers, are checked
        }
    }
}
