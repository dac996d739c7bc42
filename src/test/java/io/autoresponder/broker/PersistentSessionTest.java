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

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.broker.session.SessionStore;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.Sentinel;
import io.autoresponder.support.SessionCleanup;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * Sessions that outlive their connection (MQTT 3.1.1 section 3.1.2.4, MQTT 5.0 sections 3.1.2.4 and
 * 3.1.2.11.2): session present, subscriptions and queued messages kept while the client is away, takeover,
 * expiry.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class PersistentSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String OFFLINE_QOS0 = "autoresponder_broker_offline_dropped_total{reason=\"qos0\"}";

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Inject
    SessionStore sessions;

    private String clientId;
    private String topic;
    private Mqtt5BlockingClient publisher;

    @BeforeEach
    void setUp() {
        clientId = "session-" + UUID.randomUUID();
        topic = "sessions/" + UUID.randomUUID();
        publisher = Mqtt.v5(port);
    }

    @AfterEach
    void tearDown() throws Exception {
        publisher.disconnect();
        SessionCleanup.discard(port, clientId, sessions);
    }

    // [MQTT-3.2.2-3] no session yet: 0; [MQTT-3.2.2-2] resumed: 1; [MQTT-3.2.2-1] clean session: 0 and the
    // stored session is discarded [MQTT-3.1.2-6].
    @Test
    void mqtt311SessionPresentIsZeroForANewSessionOneWhenResumedAndZeroWithCleanSession() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectForAck(clientId, false)).isEqualTo(new RawMqttSocket.ConnAck(false, 0));
            raw.disconnect();
        }
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectForAck(clientId, false)).isEqualTo(new RawMqttSocket.ConnAck(true, 0));
            raw.disconnect();
        }
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectForAck(clientId, true)).isEqualTo(new RawMqttSocket.ConnAck(false, 0));
            raw.disconnect();
        }
        await().atMost(WAIT).until(() -> !sessions.contains(clientId));
    }

    // MQTT 3.1.1 section 3.1.2.4: subscriptions and QoS 1/2 messages are kept for a session without clean session;
    // QoS 0 messages may be dropped, and are.
    @Test
    void mqtt311SubscriptionsSurviveAndQueuedMessagesAreDeliveredOnReturn() throws Exception {
        Mqtt3BlockingClient away = v3(clientId);
        assertThat(away.connectWith().cleanSession(false).send().isSessionPresent()).isFalse();
        away.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
        away.disconnect();
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));
        double qos0DroppedBefore = PrometheusText.sample(OFFLINE_QOS0);

        publish("one", MqttQos.AT_LEAST_ONCE);
        publish("dropped", MqttQos.AT_MOST_ONCE);
        publish("two", MqttQos.EXACTLY_ONCE);

        Mqtt3BlockingClient back = v3(clientId);
        try (Mqtt3BlockingClient.Mqtt3Publishes received = back.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(back.connectWith().cleanSession(false).send().isSessionPresent()).isTrue();
            assertThat(payload(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("one");
            Optional<Mqtt3Publish> second = received.receive(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(payload(second)).isEqualTo("two");
            assertThat(second.get().getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
            Sentinel.assertNothingElseArrives(back, received, back);
            assertThat(PrometheusText.sample(OFFLINE_QOS0)).isEqualTo(qos0DroppedBefore + 1);

            publish("live", MqttQos.AT_LEAST_ONCE);
            assertThat(payload(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).as("still subscribed")
                    .isEqualTo("live");
        } finally {
            back.disconnect();
        }
    }

    // MQTT 5.0 section 3.1.2.11.2: the session is kept for the session expiry interval after the connection ends.
    @Test
    void mqtt5SubscriptionsSurviveAndQueuedMessagesAreDeliveredOnReturn() throws Exception {
        Mqtt5BlockingClient away = v5(clientId);
        assertThat(away.connectWith().cleanStart(true).sessionExpiryInterval(60).send().isSessionPresent()).isFalse();
        away.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        away.disconnect();
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        publish("one", MqttQos.AT_LEAST_ONCE);
        publish("two", MqttQos.AT_LEAST_ONCE);

        Mqtt5BlockingClient back = v5(clientId);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = back.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(back.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent())
                    .isTrue();
            assertThat(payload5(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("one");
            assertThat(payload5(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("two");
            Sentinel.assertNothingElseArrives(back, received, back);
        } finally {
            back.disconnect();
        }
    }

    // [MQTT-3.3.2-5], [MQTT-3.3.2-6]: a queued message that expired is not delivered; one that did not is
    // delivered with the time it has left.
    @Test
    void expiredQueuedMessagesAreDroppedAndTheOthersCarryTheirRemainingExpiry() throws Exception {
        Mqtt5BlockingClient away = v5(clientId);
        away.connectWith().sessionExpiryInterval(60).send();
        away.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        away.disconnect();
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        long published = System.nanoTime();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("short")).messageExpiryInterval(1)
                .send();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("long")).messageExpiryInterval(60)
                .send();
        // The condition is time itself: the first message's second must be over.
        await().atMost(WAIT).until(() -> System.nanoTime() - published > TimeUnit.MILLISECONDS.toNanos(1100));

        Mqtt5BlockingClient back = v5(clientId);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = back.publishes(MqttGlobalPublishFilter.ALL)) {
            back.connectWith().cleanStart(false).sessionExpiryInterval(60).send();
            Optional<Mqtt5Publish> delivered = received.receive(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(payload5(delivered)).isEqualTo("long");
            assertThat(delivered.get().getMessageExpiryInterval()).isPresent();
            assertThat(delivered.get().getMessageExpiryInterval().getAsLong()).isBetween(55L, 59L);
            Sentinel.assertNothingElseArrives(back, received, back);
        } finally {
            back.disconnect();
        }
    }

    // [MQTT-3.1.4-3]: the new connection takes the session over (Clean Start 0 keeps it, session present 1).
    @Test
    void takeoverBySameClientIdKeepsTheSession() throws Exception {
        Mqtt5BlockingClient first = v5(clientId);
        first.connectWith().sessionExpiryInterval(60).send();
        first.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        Mqtt5BlockingClient second = v5(clientId);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = second.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(second.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent())
                    .isTrue();
            await().atMost(WAIT).until(() -> !first.getState().isConnected());

            publish("after takeover", MqttQos.AT_LEAST_ONCE);

            assertThat(payload5(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("after takeover");
        } finally {
            second.disconnect();
        }
    }

    // [MQTT-3.1.2-4]: Clean Start 1 on takeover discards the session: no subscriptions are left.
    @Test
    void takeoverWithCleanStartDiscardsTheSession() throws Exception {
        Mqtt5BlockingClient first = v5(clientId);
        first.connectWith().sessionExpiryInterval(60).send();
        first.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        Mqtt5BlockingClient second = v5(clientId);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = second.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(second.connectWith().cleanStart(true).sessionExpiryInterval(60).send().isSessionPresent())
                    .isFalse();

            publish("nobody", MqttQos.AT_LEAST_ONCE);

            Sentinel.assertNothingElseArrives(second, received, second);
        } finally {
            second.disconnect();
        }
    }

    // MQTT 5.0 section 3.1.2.11.2: the session is removed when the interval has passed without a new connection.
    @Test
    void sessionExpiresWhenTheClientStaysAwayLongerThanItsInterval() {
        Mqtt5BlockingClient away = v5(clientId);
        away.connectWith().sessionExpiryInterval(1).send();
        away.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        away.disconnect();
        long left = System.nanoTime();

        await().atMost(WAIT).until(() -> !sessions.contains(clientId));

        assertThat(Duration.ofNanos(System.nanoTime() - left)).isGreaterThan(Duration.ofMillis(800));
        Mqtt5BlockingClient back = v5(clientId);
        assertThat(back.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent()).isFalse();
        back.disconnect();
    }

    // MQTT 5.0 section 3.14.2.2.2: DISCONNECT may change the interval; 0 ends the session with the connection.
    @Test
    void disconnectWithSessionExpiryZeroEndsTheSessionAtOnce() {
        Mqtt5BlockingClient client = v5(clientId);
        client.connectWith().sessionExpiryInterval(600).send();
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        client.disconnectWith().sessionExpiryInterval(0).send();

        await().atMost(WAIT).until(() -> !sessions.contains(clientId));
    }

    // [MQTT-3.14.2-2]: CONNECT asked for 0, so a DISCONNECT asking to keep the session is a protocol error and the
    // session is not kept.
    @Test
    void disconnectCannotKeepASessionThatWasToEndWithTheConnection() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect5(clientId, true, 0, null, null, 0).code()).isZero();
            // DISCONNECT, reason 0x00, properties: session expiry interval 600
            raw.send(new byte[] { (byte) 0xE0, 7, 0, 5, 0x11, 0, 0, 0x02, 0x58 });
            assertThat(raw.closedByPeer()).isTrue();
        }
        await().atMost(WAIT).until(() -> !sessions.contains(clientId));
    }

    // MQTT 5.0 section 3.2.2.3.2: the server's maximum replaces a longer interval, and CONNACK says so.
    @Test
    void intervalLongerThanTheServerMaximumIsShortenedAndAnnouncedInConnack() {
        Mqtt5BlockingClient client = v5(clientId);
        Mqtt5ConnAck connAck = client.connectWith().sessionExpiryInterval(0xFFFF_FFFFL).send();
        try {
            assertThat(connAck.getSessionExpiryInterval()).hasValue(Duration.ofHours(24).toSeconds());
        } finally {
            client.disconnect();
        }
    }

    private void publish(String payload, MqttQos qos) {
        publisher.publishWith().topic(topic).qos(qos).payload(utf8(payload)).send();
    }

    private Mqtt5BlockingClient v5(String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(port)
                .buildBlocking();
    }

    private Mqtt3BlockingClient v3(String id) {
        return MqttClient.builder().useMqttVersion3().identifier(id).serverHost("127.0.0.1").serverPort(port)
                .buildBlocking();
    }

    private static String payload(Optional<Mqtt3Publish> publish) {
        assertThat(publish).as("a message arrived").isPresent();
        return new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static String payload5(Optional<Mqtt5Publish> publish) {
        assertThat(publish).as("a message arrived").isPresent();
        return new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
