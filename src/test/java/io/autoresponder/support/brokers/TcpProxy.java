package io.autoresponder.support.brokers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a free port of 127.0.0.1 in front of a server on 127.0.0.1, so that a test can break one
 * connection the way a network does while the server stays healthy: {@link #blackHoleUpstream()} makes the
 * connections open at that moment drop everything their client sends (the socket stays open, nothing is
 * reported), as a half-dead path or a lost NAT entry does. Connections made later relay normally.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    private final int target;
    private final ServerSocket server;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    private TcpProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts relaying connections to 127.0.0.1:{@code targetPort}. */
    public static TcpProxy to(int targetPort) {
        try {
            return new TcpProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections open now drop what their client sends from now on; later connections are not affected. */
    public void blackHoleUpstream() {
        links.forEach(link -> link.upstreamBlackHoled = true);
    }

    /** Connections relayed so far, open or closed. */
    public int connectionsAccepted() {
        return links.size();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        links.forEach(Link::close);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Link link = new Link(client, upstream);
                links.add(link);
                link.start();
            } catch (IOException e) {
                // Server closed, or the target refused: the client sees its connection closed.
            }
        }
    }

    private static final class Link {

        private final Socket client;
        private final Socket upstream;
        private volatile boolean upstreamBlackHoled;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, true);
            pump(upstream, client, false);
        }

        private void pump(Socket from, Socket to, boolean upstreamDirection) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[BUFFER];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int read;
                    while ((read = in.read(buffer)) != -1) {
                        if (upstreamDirection && upstreamBlackHoled) {
                            continue;
                        }
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                } catch (IOException e) {
                    // Either side closed.
                } finally {
                    close();
                }
            }, "tcp-proxy-" + from.getPort());
            thread.setDaemon(true);
            thread.start();
        }

        void close() {
            try {
                client.close();
            } catch (IOException e) {
                // Closing anyway.
            }
            try {
                upstream.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }
}
