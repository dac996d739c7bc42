package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.broker.session.SessionStore;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.Sentinel;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * The bounds on sessions: the offline queue drops the newest message when full (by count, or by the broker-wide
 * byte budget), and sessions are counted.
 */
@QuarkusTest
@TestProfile(SessionLimitsTest.SmallSessions.class)
@WithTestResource(FreeBrokerPort.class)
class SessionLimitsTest {

    /** Tiny limits to reach them quickly. */
    public static class SmallSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.broker.max-queued-messages", "3",
                    "autoresponder.broker.max-queued-bytes", "2000",
                    "autoresponder.broker.max-sessions", "3");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String QUEUE_FULL = "autoresponder_broker_offline_dropped_total{reason=\"queue_full\"}";
    private static final String DROPPED = "autoresponder_broker_messages_dropped_total";
    private static final String QUEUED_BYTES = "autoresponder_broker_queued_bytes";

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Inject
    SessionStore sessions;

    // MQTT 3.1.1 section 4.1 / MQTT 5.0 section 4.1: the server may bound what it stores for a session; here the
    // oldest messages are kept and each one beyond max-queued-messages is dropped and counted.
    @Test
    void offlineQueueKeepsTheOldestAndCountsWhatItDrops() throws Exception {
        String clientId = "queue-" + UUID.randomUUID();
        String topic = "queue/" + UUID.randomUUID();
        Mqtt5BlockingClient away = client(clientId);
        away.connectWith().sessionExpiryInterval(60).send();
        away.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        away.disconnect();
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));
        double queueFullBefore = PrometheusText.sample(QUEUE_FULL);
        double droppedBefore = PrometheusText.sample(DROPPED);

        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        for (int i = 1; i <= 5; i++) {
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("m" + i)).send();
        }
        publisher.disconnect();

        Mqtt5BlockingClient back = client(clientId);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = back.publishes(MqttGlobalPublishFilter.ALL)) {
            back.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                delivered.add(payload(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS)));
            }
            assertThat(delivered).containsExactly("m1", "m2", "m3");
            Sentinel.assertNothingElseArrives(back, received, back);
        } finally {
            back.disconnect();
        }
        assertThat(PrometheusText.sample(QUEUE_FULL)).isEqualTo(queueFullBefore + 2);
        assertThat(PrometheusText.sample(DROPPED)).isEqualTo(droppedBefore + 2);
    }

    // The byte budget bounds what absent clients hold whatever the message count: 900-byte messages, 2000 bytes
    // for all sessions, so the third of three is dropped although the session could queue three messages.
    @Test
    void messagesBeyondTheBrokerWideByteBudgetAreDroppedAndTheBudgetIsGivenBackOnDelivery() throws Exception {
        String clientId = "bytes-" + UUID.randomUUID();
        String topic = "bytes/" + UUID.randomUUID();
        Mqtt5BlockingClient away = client(clientId);
        away.connectWith().sessionExpiryInterval(60).send();
        away.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        away.disconnect();
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));
        double droppedBefore = PrometheusText.sample(DROPPED);

        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        for (int i = 1; i <= 3; i++) {
            byte[] payload = new byte[900];
            java.util.Arrays.fill(payload, (byte) ('0' + i));
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
        }
        publisher.disconnect();
        long held = 2L * (900 + topic.length());
        await().atMost(WAIT).until(() -> PrometheusText.sample(QUEUED_BYTES) == held);
        assertThat(PrometheusText.sample(DROPPED)).isEqualTo(droppedBefore + 1);

        Mqtt5BlockingClient back = client(clientId);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = back.publishes(MqttGlobalPublishFilter.ALL)) {
            back.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
            assertThat(payload(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).startsWith("111");
            assertThat(payload(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS))).startsWith("222");
            Sentinel.assertNothingElseArrives(back, received, back);
        } finally {
            back.disconnect();
        }
        await().atMost(WAIT).until(() -> PrometheusText.sample(QUEUED_BYTES) == 0);
    }

    // A new session beyond max-sessions is refused with 0x97 quota exceeded; a client resuming its session is not.
    @Test
    void newSessionBeyondTheLimitIsRefusedButAKeptSessionCanBeResumed() {
        List<String> ids = new ArrayList<>();
        try {
            await().atMost(WAIT).until(() -> sessions.size() == 0);
            for (int i = 0; i < 3; i++) {
                String id = "kept-" + UUID.randomUUID();
                ids.add(id);
                Mqtt5BlockingClient client = client(id);
                client.connectWith().sessionExpiryInterval(60).send();
                client.disconnect();
            }

            Mqtt5BlockingClient fourth = client("fourth-" + UUID.randomUUID());
            assertThatThrownBy(() -> fourth.connectWith().sessionExpiryInterval(60).send())
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                            refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED));

            Mqtt5BlockingClient resumed = client(ids.get(0));
            assertThat(resumed.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent())
                    .isTrue();
            resumed.disconnect();
        } finally {
            for (String id : ids) {
                Mqtt5BlockingClient client = client(id);
                client.connectWith().cleanStart(true).sessionExpiryInterval(0).send();
                client.disconnect();
            }
            await().atMost(WAIT).until(() -> sessions.size() == 0);
        }
    }

    private Mqtt5BlockingClient client(String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(port)
                .buildBlocking();
    }

    private static String payload(Optional<Mqtt5Publish> publish) {
        assertThat(publish).as("a message arrived").isPresent();
        return new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
