package io.autoresponder.support.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the embedded broker a free port for the test run. Only {@code autoresponder.broker.port} is set: the
 * responder's connector follows it, which is itself under test.
 */
public class FreeBrokerPort implements QuarkusTestResourceLifecycleManager {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    @Override
    public Map<String, String> start() {
        return Map.of("autoresponder.broker.port", Integer.toString(freePort()));
    }

    @Override
    public void stop() {
    }

    /**
     * A port nothing listens on right now, on 127.0.0.1, and never one handed out before in this JVM: a port
     * given to a process that has not bound it yet looks free, and the system may offer it again (two service
     * instances of a scale-out test once got the same HTTP port).
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no port that was not handed out before, after 100 attempts");
    }
}
