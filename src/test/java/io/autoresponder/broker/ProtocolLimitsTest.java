package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.clock.ManualBrokerClock;
import io.autoresponder.support.wire.RawMqtt5Socket;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * {@code max-keep-alive}, {@code topic-alias-maximum} and {@code max-topic-length} set away from their defaults:
 * keep-alive 2 s at most, no topic aliases, topics of 32 bytes at most.
 */
@QuarkusTest
@TestProfile(ProtocolLimitsTest.Tight.class)
@WithTestResource(FreeBrokerPort.class)
class ProtocolLimitsTest {

    static final int MAX_KEEP_ALIVE = 2;
    static final int MAX_TOPIC_LENGTH = 32;

    /** The limits under test. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.broker.max-keep-alive", Integer.toString(MAX_KEEP_ALIVE),
                    "autoresponder.broker.topic-alias-maximum", "0",
                    "autoresponder.broker.max-topic-length", Integer.toString(MAX_TOPIC_LENGTH));
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ManualBrokerClock.class);
        }
    }

    /** 1.5 x the server keep-alive: how long a silent client lasts [MQTT-3.1.2-24]. */
    private static final Duration TIMEOUT = Duration.ofMillis(1_500L * MAX_KEEP_ALIVE);

    @Inject
    ManualBrokerClock clock;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    // [MQTT-3.2.2-21]: the client must use the Server Keep Alive; Mosquitto's max_keepalive does the same.
    @Test
    void mqtt5ClientAskingForMoreThanTheMaximumIsToldTheMaximumAsServerKeepAlive() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            RawMqtt5Socket.ConnAck connack = raw.connect("ka-" + UUID.randomUUID(), 60, new byte[0]);

            assertThat(connack.reasonCode()).isZero();
            assertThat(connack.properties()).containsEntry(RawMqtt5Socket.SERVER_KEEP_ALIVE, MAX_KEEP_ALIVE);
        }
    }

    @Test
    void mqtt5ClientWithoutKeepAliveIsToldTheMaximum() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            RawMqtt5Socket.ConnAck connack = raw.connect("ka-" + UUID.randomUUID(), 0, new byte[0]);

            assertThat(connack.properties()).containsEntry(RawMqtt5Socket.SERVER_KEEP_ALIVE, MAX_KEEP_ALIVE);
        }
    }

    // [MQTT-3.2.2-22]: without Server Keep Alive the client's own value applies.
    @Test
    void mqtt5ClientWithinTheMaximumKeepsItsOwnKeepAlive() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            RawMqtt5Socket.ConnAck connack = raw.connect("ka-" + UUID.randomUUID(), 1, new byte[0]);

            assertThat(connack.properties()).doesNotContainKey(RawMqtt5Socket.SERVER_KEEP_ALIVE);
        }
    }

    // [MQTT-3.1.2-24] with the Server Keep Alive: silent for 1.5 x 2 s, the client gets DISCONNECT 0x8D.
    @Test
    void silentMqtt5ClientIsDisconnectedWithKeepAliveTimeoutAfterOneAndAHalfServerKeepAlives() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("ka-" + UUID.randomUUID(), 60, new byte[0]);

            // Not at 1.5 x the client's 60 s: at 1.5 x the server's 2 s.
            clock.advance(TIMEOUT);
            RawMqtt5Socket.Disconnect disconnect = raw.awaitDisconnect();

            assertThat(disconnect).as("DISCONNECT from the broker").isNotNull();
            assertThat(disconnect.reasonCode()).isEqualTo(0x8D);
            assertThat(disconnect.properties()).containsKey(RawMqtt5Socket.REASON_STRING);
        }
    }

    // [MQTT-3.1.2-8]: a keep-alive timeout is not a normal DISCONNECT, so the will is published.
    @Test
    void willOfAnMqtt5ClientTimedOutByTheServerKeepAliveIsPublished() throws Exception {
        String willTopic = "w/" + UUID.randomUUID().toString().substring(0, 8); // within max-topic-length
        // Its own keep-alive, within the maximum, is kept in real time; only imposed ones follow the test's clock.
        Mqtt5BlockingClient watcher = MqttClient.builder().useMqttVersion5().identifier("watcher-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        watcher.connectWith().keepAlive(1).send();
        try (Mqtt5BlockingClient.Mqtt5Publishes wills = watcher.publishes(MqttGlobalPublishFilter.ALL);
                RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            watcher.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(raw.connectWithWill("ka-" + UUID.randomUUID(), 60, willTopic, utf8("timed out")).reasonCode())
                    .isZero();

            clock.advance(TIMEOUT);
            assertThat(raw.awaitDisconnect()).isNotNull();

            Optional<Mqtt5Publish> will = wills.receive(10, TimeUnit.SECONDS);
            assertThat(will).isPresent();
            assertThat(new String(will.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("timed out");
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void mqtt5ClientPingingAtTheServerKeepAliveStaysConnected() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("ka-" + UUID.randomUUID(), 60, new byte[0]);

            // 1 ms short of the timeout, then a PINGREQ, three times: 9 s in all, three times what a silent client lasts.
            for (int i = 0; i < 3; i++) {
                clock.advance(TIMEOUT.minusMillis(1));
                assertThat(raw.ping()).as("connected after %d pings", i).isTrue();
            }

            clock.advance(TIMEOUT);
            assertThat(raw.awaitDisconnect()).as("silent once the pings stop").isNotNull();
        }
    }

    // MQTT 3.1.1 has no Server Keep Alive, so a client that would not keep to the maximum is refused (0x02).
    @Test
    void mqtt311ClientAskingForMoreThanTheMaximumOrNoneIsRefusedWithIdentifierRejected() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectWithWill("ka-" + UUID.randomUUID(), 60, "wills/ka", utf8("x"), 0, false)).isEqualTo(2);
        }
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectWithWill("ka-" + UUID.randomUUID(), 0, "wills/ka", utf8("x"), 0, false)).isEqualTo(2);
        }
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectWithWill("ka-" + UUID.randomUUID(), MAX_KEEP_ALIVE, "wills/ka", utf8("x"), 0, false))
                    .isZero();
        }
    }

    // MQTT 5.0 section 3.2.2.3.8: no Topic Alias Maximum means 0, and an alias is then invalid (0x94).
    @Test
    void withTopicAliasesOffConnackAnnouncesNoneAndAnAliasIsRefused() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            RawMqtt5Socket.ConnAck connack = raw.connect("alias-" + UUID.randomUUID(), 1, new byte[0]);
            assertThat(connack.properties()).doesNotContainKey(RawMqtt5Socket.TOPIC_ALIAS_MAXIMUM);

            raw.publish("limits/alias", 1, utf8("x"));

            RawMqtt5Socket.Disconnect disconnect = raw.awaitDisconnect();
            assertThat(disconnect).isNotNull();
            assertThat(disconnect.reasonCode()).isEqualTo(0x94);
        }
    }

    @Test
    void filterLongerThanMaxTopicLengthGetsSubackTopicFilterInvalidWithAReasonString() {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try {
            // 11 characters, 33 bytes in UTF-8: the limit counts bytes.
            String filter = "测".repeat(11);

            assertThatThrownBy(() -> client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send())
                    .isInstanceOfSatisfying(Mqtt5SubAckException.class, refused -> {
                        assertThat(refused.getMqttMessage().getReasonCodes())
                                .containsExactly(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
                        assertThat(refused.getMqttMessage().getReasonString().map(Object::toString))
                                .hasValueSatisfying(reason -> assertThat(reason).contains("max-topic-length"));
                    });
            client.subscribeWith().topicFilter("测".repeat(10)).qos(MqttQos.AT_LEAST_ONCE).send();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void publishOnATopicLongerThanMaxTopicLengthIsRefusedWithTopicNameInvalid() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("long-" + UUID.randomUUID(), 1, new byte[0]);

            raw.publish("x".repeat(MAX_TOPIC_LENGTH + 1), null, utf8("x"));

            RawMqtt5Socket.Disconnect disconnect = raw.awaitDisconnect();
            assertThat(disconnect).isNotNull();
            assertThat(disconnect.reasonCode()).isEqualTo(0x90);
        }
    }

    @Test
    void mqtt5ConnectWithAWillTopicLongerThanMaxTopicLengthIsRefusedWithTopicNameInvalid() {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("will-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();

        assertThatThrownBy(() -> client.connectWith().willPublish().topic("w".repeat(MAX_TOPIC_LENGTH + 1))
                .payload(utf8("never")).applyWillPublish().send())
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> {
                    assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.TOPIC_NAME_INVALID);
                    assertThat(refused.getMqttMessage().getReasonString().map(Object::toString))
                            .hasValueSatisfying(reason -> assertThat(reason).contains("will topic"));
                });
    }

    @Test
    void mqtt311ConnectWithAWillTopicLongerThanMaxTopicLengthIsClosedWithoutConnack() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThatThrownBy(() -> raw.connectWithWill("will-" + UUID.randomUUID(), 1, "w".repeat(MAX_TOPIC_LENGTH + 1),
                    utf8("never"), 0, false)).isInstanceOf(java.io.EOFException.class);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
