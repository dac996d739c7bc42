package io.autoresponder.support.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one input on a fresh connection, as a hostile client would: all at once or in two pieces, then either
 * leaves at once or reads what the broker answers for a moment. Source addresses rotate over 127.0.0.2-254, so
 * hundreds of thousands of short connections do not exhaust one address's ports in TIME_WAIT.
 */
public final class HostileClient {

    private static final AtomicInteger NEXT_SOURCE = new AtomicInteger();

    private final int port;

    public HostileClient(int port) {
        this.port = port;
    }

    /** How the input goes on the wire. */
    public enum Manner {
        /** Everything in one write, then close. */
        WRITE_AND_LEAVE,
        /** Everything, then read the answers until the broker closes or 20 ms pass. */
        WRITE_AND_LISTEN,
        /** Half, a pause of 5 ms (a slow partial packet), the rest, then listen. */
        IN_PIECES;

        public static Manner of(int choice) {
            return values()[Math.floorMod(choice, values().length)];
        }
    }

    /** Returns the number of bytes the broker answered with; network errors are what a hostile client gets. */
    public int send(byte[] input, Manner manner) {
        int source = 2 + Math.floorMod(NEXT_SOURCE.getAndIncrement(), 253);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) source }), 0));
            socket.setTcpNoDelay(true);
            socket.setSoLinger(true, 0); // leave with RST now and then as clients do; no TIME_WAIT here
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            OutputStream out = socket.getOutputStream();
            if (manner == Manner.IN_PIECES && input.length > 1) {
                out.write(input, 0, input.length / 2);
                out.flush();
                Thread.sleep(5);
                out.write(input, input.length / 2, input.length - input.length / 2);
            } else {
                out.write(input);
            }
            out.flush();
            return manner == Manner.WRITE_AND_LEAVE ? 0 : listen(socket);
        } catch (IOException closedByTheBroker) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int listen(Socket socket) throws IOException {
        socket.setSoTimeout(20);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int total = 0;
        try {
            for (int read = in.read(buffer); read >= 0 && total < 1_000_000; read = in.read(buffer)) {
                total += read;
            }
        } catch (SocketTimeoutException stillOpen) {
            // the broker keeps the connection: the client leaves now
        }
        return total;
    }
}
