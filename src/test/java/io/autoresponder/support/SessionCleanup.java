package io.autoresponder.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.autoresponder.broker.session.SessionStore;
import io.autoresponder.support.wire.RawMqttSocket;

/** Leaves no session of a test's client id behind in the embedded broker, so tests do not see each other's state. */
public final class SessionCleanup {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private SessionCleanup() {
    }

    /** Connects {@code clientId} with a clean session, which discards its stored session [MQTT-3.1.2-6], and waits until it is gone. */
    public static void discard(int port, String clientId, SessionStore sessions) {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connect(clientId, true);
            raw.disconnect();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("session of " + clientId + " discarded").atMost(WAIT).until(() -> !sessions.contains(clientId));
    }
}
