package io.autoresponder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A free TCP port for the embedded broker of a {@code @QuarkusTest} ({@code autoresponder.broker.port}), so a test
 * never meets a broker already listening on 1883: {@code @WithTestResource(EmbeddedBrokerPort.class)}.
 */
public class EmbeddedBrokerPort implements QuarkusTestResourceLifecycleManager {

    /** The configuration key the port is given under. */
    public static final String KEY = "autoresponder.broker.port";

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Map.of(KEY, Integer.toString(socket.getLocalPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded broker", e);
        }
    }

    @Override
    public void stop() {
    }
}
