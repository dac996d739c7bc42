package io.autoresponder.support.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the embedded broker a free port for the test run. Only {@code autoresponder.broker.port} is set: the
 * responder's connector follows it, which is itself under test.
 */
public class FreeBrokerPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("autoresponder.broker.port", Integer.toString(freePort()));
    }

    @Override
    public void stop() {
    }

    /** A port nothing listens on right now, on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
