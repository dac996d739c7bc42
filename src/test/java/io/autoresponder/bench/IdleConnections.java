package io.autoresponder.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds many idle MQTT 3.1.1 clients on a broker, as a fleet of quiet devices does: each connects (keep-alive
 * 60 s), subscribes to its own command topic at QoS 1 and then only sends PINGREQ every 30 s. Source addresses
 * rotate over 127.0.0.2-254. Prints {@code READY <n> <seconds>} once all are connected, then holds them until
 * {@code --hold} seconds have passed or stdin closes.
 * <p>
 * {@code IdleConnections --port 1883 --count 15000 [--hold 600] [--subscribe true]}
 */
public final class IdleConnections {

    private static final byte[] PINGREQ = { (byte) 0xC0, 0x00 };

    private IdleConnections() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(option(args, "--port", "1883"));
        int count = Integer.parseInt(option(args, "--count", "1000"));
        long holdSeconds = Long.parseLong(option(args, "--hold", "600"));
        boolean subscribe = Boolean.parseBoolean(option(args, "--subscribe", "true"));
        if (count < 1 || count > 60_000) {
            throw new IllegalArgumentException("--count must be 1..60000");
        }
        long started = System.nanoTime();
        List<Socket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sockets.add(connect(port, i, subscribe));
        }
        System.out.printf("READY %d %.1f%n", count, (System.nanoTime() - started) / 1e9);
        System.out.flush();
        hold(sockets, holdSeconds);
    }

    private static Socket connect(int port, int index, boolean subscribe) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) (2 + index % 253) }), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        out.write(connectPacket("idle-" + index));
        byte[] connack = new byte[4];
        in.readFully(connack);
        if (connack[0] != 0x20 || connack[3] != 0) {
            throw new IOException("connection " + index + " refused: CONNACK return code " + connack[3]);
        }
        if (subscribe) {
            out.write(subscribePacket("devices/" + index + "/cmd"));
            byte[] suback = new byte[5];
            in.readFully(suback);
        }
        return socket;
    }

    private static void hold(List<Socket> sockets, long holdSeconds) throws Exception {
        long end = System.nanoTime() + holdSeconds * 1_000_000_000L;
        Thread stdin = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for EOF
                }
            } catch (IOException ignored) {
                // treated as EOF
            }
            System.exit(0);
        });
        stdin.setDaemon(true);
        stdin.start();
        byte[] drain = new byte[256];
        while (System.nanoTime() < end) {
            Thread.sleep(30_000);
            int lost = 0;
            for (Socket socket : sockets) {
                try {
                    socket.getOutputStream().write(PINGREQ);
                    socket.getInputStream().read(drain); // PINGRESP
                } catch (IOException e) {
                    lost++;
                }
            }
            System.out.println("PING " + sockets.size() + " lost " + lost);
        }
    }

    private static byte[] connectPacket(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(10 + 2 + id.length);
        body.putShort((short) 4).put("MQTT".getBytes(StandardCharsets.US_ASCII)).put((byte) 4).put((byte) 0x02)
                .putShort((short) 60).putShort((short) id.length).put(id);
        return packet(0x10, body.array());
    }

    private static byte[] subscribePacket(String filter) {
        byte[] topic = filter.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(2 + 2 + topic.length + 1);
        body.putShort((short) 1).putShort((short) topic.length).put(topic).put((byte) 1);
        return packet(0x82, body.array());
    }

    private static byte[] packet(int header, byte[] body) {
        if (body.length > 127) {
            throw new IllegalArgumentException("packet too long for this tool");
        }
        byte[] packet = new byte[2 + body.length];
        packet[0] = (byte) header;
        packet[1] = (byte) body.length;
        System.arraycopy(body, 0, packet, 2, body.length);
        return packet;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
