package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.broker.session.SessionStore;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Sentinel;
import io.autoresponder.support.SessionCleanup;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.clock.ManualBrokerClock;
import io.autoresponder.support.clock.ManualClockProfile;
import io.autoresponder.support.wire.RawMqttSocket;

/** MQTT 5 will delay interval (section 3.1.3.2.2) and DISCONNECT with reason 0x04 (section 3.14.2.1). */
@QuarkusTest
@TestProfile(ManualClockProfile.class)
@WithTestResource(FreeBrokerPort.class)
class WillDelayTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int DISCONNECT_WITH_WILL = 0x04;
    private static final int NORMAL_DISCONNECT = 0x00;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Inject
    SessionStore sessions;

    @Inject
    ManualBrokerClock clock;

    private String clientId;
    private String willTopic;
    private Mqtt5BlockingClient watcher;
    private Mqtt5BlockingClient.Mqtt5Publishes wills;

    @BeforeEach
    void watchWills() {
        clientId = "will-" + UUID.randomUUID();
        willTopic = "wills/" + UUID.randomUUID();
        watcher = Mqtt.v5(port);
        wills = watcher.publishes(MqttGlobalPublishFilter.ALL);
        watcher.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void stopWatching() throws Exception {
        wills.close();
        watcher.disconnect();
        SessionCleanup.discard(port, clientId, sessions);
    }

    // [MQTT-3.1.3-9]: the will waits for the will delay interval after the connection is lost.
    @Test
    void willIsPublishedWhenTheDelayHasPassed() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect5(clientId, true, 60, willTopic, "late", 1).code()).isZero();
        } // no DISCONNECT
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        clock.advance(Duration.ofMillis(999));
        Sentinel.assertNothingElseArrives(watcher, wills, watcher);

        clock.advance(Duration.ofMillis(1));
        assertThat(payload(wills.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("late");
    }

    // [MQTT-3.1.3-9]: a new connection to the session before the delay has passed cancels the will.
    @Test
    void reconnectWithinTheDelayCancelsTheWill() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connect5(clientId, true, 60, willTopic, "cancelled", 2);
        }
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect5(clientId, false, 60, null, null, 0).sessionPresent()).isTrue();
            clock.advance(Duration.ofSeconds(3));
            Sentinel.assertNothingElseArrives(watcher, wills, watcher); // no will after the delay
            raw.disconnect5(NORMAL_DISCONNECT);
        }
    }

    // MQTT 5.0 section 3.1.3.2.2: the will is published when the delay passes or the session ends, whichever first.
    @Test
    void willIsPublishedWhenTheSessionEndsBeforeTheDelay() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connect5(clientId, true, 1, willTopic, "session over", 600);
        }
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        clock.advance(Duration.ofMillis(999));
        Sentinel.assertNothingElseArrives(watcher, wills, watcher);

        clock.advance(Duration.ofMillis(1));
        assertThat(payload(wills.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("session over");
        assertThat(sessions.contains(clientId)).isFalse();
    }

    // A session ending with the connection (expiry 0) sends a delayed will at once: the session end comes first.
    @Test
    void sessionEndingWithTheConnectionSendsADelayedWillAtOnce() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connect5(clientId, true, 0, willTopic, "no session, no wait", 600);
        }

        assertThat(payload(wills.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("no session, no wait");
    }

    // MQTT 5.0 section 3.14.2.1: reason 0x04 "Disconnect with Will Message" asks for the will to be published.
    @Test
    void disconnectWithReason0x04PublishesTheWill() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connect5(clientId, true, 0, willTopic, "asked for", 0);
            raw.disconnect5(DISCONNECT_WITH_WILL);
            assertThat(raw.closedByPeer()).isTrue();
        }

        assertThat(payload(wills.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("asked for");
    }

    // [MQTT-3.14.4-3]: a normal DISCONNECT (0x00) discards the will, delayed or not.
    @Test
    void normalDisconnectDiscardsADelayedWill() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connect5(clientId, true, 1, willTopic, "discarded", 1);
            raw.disconnect5(NORMAL_DISCONNECT);
            assertThat(raw.closedByPeer()).isTrue();
        }
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        clock.advance(Duration.ofSeconds(2)); // past the will delay and the session expiry
        await().atMost(WAIT).until(() -> !sessions.contains(clientId));
        Sentinel.assertNothingElseArrives(watcher, wills, watcher);
    }

    private static String payload(Optional<Mqtt5Publish> publish) {
        assertThat(publish).as("the will arrived").isPresent();
        return new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
