package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.RawMqtt5Socket;

/**
 * Inbound topic aliases (MQTT 5.0 section 3.3.2.3.4) with the default {@code autoresponder.broker.topic-alias-maximum}
 * of 10: raw MQTT 5 packets for the cases real clients never send, and the HiveMQ client for the everyday one.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class TopicAliasTest {

    private static final int DEFAULT_MAXIMUM = 10;
    private static final int TOPIC_ALIAS_INVALID = 0x94;
    private static final int PROTOCOL_ERROR = 0x82;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    private String topic;
    private Mqtt5BlockingClient subscriber;
    private Mqtt5BlockingClient.Mqtt5Publishes received;

    @BeforeEach
    void subscribe() {
        topic = "alias/" + UUID.randomUUID();
        subscriber = Mqtt.v5(port);
        received = subscriber.publishes(MqttGlobalPublishFilter.ALL);
        subscriber.subscribeWith().topicFilter("alias/#").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void unsubscribe() {
        received.close();
        subscriber.disconnect();
    }

    @Test
    void connackAnnouncesTheConfiguredTopicAliasMaximum() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            RawMqtt5Socket.ConnAck connack = raw.connect("alias-" + UUID.randomUUID());

            assertThat(connack.reasonCode()).isZero();
            assertThat(connack.properties()).containsEntry(RawMqtt5Socket.TOPIC_ALIAS_MAXIMUM, DEFAULT_MAXIMUM);
        }
    }

    // [MQTT-3.3.2-12]: the server accepts every alias from 1 to its maximum; an empty topic name then means the alias.
    @Test
    void publishWithAnAliasedEmptyTopicNameIsDeliveredOnTheAliasedTopic() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("alias-" + UUID.randomUUID());

            raw.publish(topic, 1, utf8("sets alias 1"));
            raw.publish(topic + "/ten", DEFAULT_MAXIMUM, utf8("sets alias 10"));
            raw.publish("", 1, utf8("uses alias 1"));
            raw.publish("", DEFAULT_MAXIMUM, utf8("uses alias 10"));

            assertThat(next()).containsExactly(topic, "sets alias 1");
            assertThat(next()).containsExactly(topic + "/ten", "sets alias 10");
            assertThat(next()).containsExactly(topic, "uses alias 1");
            assertThat(next()).containsExactly(topic + "/ten", "uses alias 10");
            assertThat(raw.ping()).as("connection still open").isTrue();
        }
    }

    @Test
    void aliasCanBeMappedToAnotherTopicLater() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("alias-" + UUID.randomUUID());

            raw.publish(topic + "/first", 3, utf8("a"));
            raw.publish(topic + "/second", 3, utf8("b"));
            raw.publish("", 3, utf8("c"));

            assertThat(next()).containsExactly(topic + "/first", "a");
            assertThat(next()).containsExactly(topic + "/second", "b");
            assertThat(next()).containsExactly(topic + "/second", "c");
        }
    }

    // [MQTT-3.3.2-8]
    @Test
    void aliasZeroIsRefusedWithDisconnectTopicAliasInvalid() throws Exception {
        assertRefused(List.of(new Send(topic, 0)), TOPIC_ALIAS_INVALID);
    }

    // [MQTT-3.3.2-9]
    @Test
    void aliasAboveTheMaximumIsRefusedWithDisconnectTopicAliasInvalid() throws Exception {
        assertRefused(List.of(new Send(topic, DEFAULT_MAXIMUM + 1)), TOPIC_ALIAS_INVALID);
    }

    @Test
    void emptyTopicNameWithAnAliasNobodySetUpIsAProtocolError() throws Exception {
        assertRefused(List.of(new Send(topic, 1), new Send("", 2)), PROTOCOL_ERROR);
    }

    // MQTT 5.0 section 3.3.2.1: "It is a Protocol Error if the Topic Name is zero length and there is no Topic Alias".
    @Test
    void emptyTopicNameWithoutAliasIsAProtocolError() throws Exception {
        assertRefused(List.of(new Send("", null)), PROTOCOL_ERROR);
    }

    // [MQTT-3.3.2-7]: mappings die with their network connection.
    @Test
    void aliasesAreNotCarriedIntoTheNextConnection() throws Exception {
        String clientId = "alias-" + UUID.randomUUID();
        try (RawMqtt5Socket first = new RawMqtt5Socket(port)) {
            first.connect(clientId);
            first.publish(topic, 1, utf8("x"));
            assertThat(next()).containsExactly(topic, "x");
        }
        try (RawMqtt5Socket second = new RawMqtt5Socket(port)) {
            second.connect(clientId);
            second.publish("", 1, utf8("y"));

            RawMqtt5Socket.Disconnect disconnect = second.awaitDisconnect();
            assertThat(disconnect).isNotNull();
            assertThat(disconnect.reasonCode()).isEqualTo(PROTOCOL_ERROR);
        }
        assertThat(received.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
    }

    // The HiveMQ client maps topics it publishes repeatedly to aliases when the broker allows them.
    @Test
    void independentClientPublishingRepeatedlyOnOneTopicIsUnderstood() throws Exception {
        Mqtt5BlockingClient publisher = MqttClient.builder().useMqttVersion5().identifier("alias-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        assertThat(publisher.connect().getRestrictions().getTopicAliasMaximum()).isEqualTo(DEFAULT_MAXIMUM);
        try {
            for (int i = 0; i < 20; i++) {
                publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("m" + i)).send();
            }
            for (int i = 0; i < 20; i++) {
                assertThat(next()).containsExactly(topic, "m" + i);
            }
        } finally {
            publisher.disconnect();
        }
    }

    /** A QoS 0 PUBLISH with a topic name (may be empty) and a Topic Alias (null: none). */
    record Send(String topic, Integer alias) {
    }

    /** Sends {@code publishes}; the last one must end the connection with {@code reasonCode}. */
    private void assertRefused(List<Send> publishes, int reasonCode) throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("alias-" + UUID.randomUUID());
            for (int i = 0; i < publishes.size(); i++) {
                Send publish = publishes.get(i);
                raw.publish(publish.topic(), publish.alias(), utf8(i == publishes.size() - 1 ? "refused" : "setup"));
            }

            RawMqtt5Socket.Disconnect disconnect = raw.awaitDisconnect();
            assertThat(disconnect).as("DISCONNECT from the broker").isNotNull();
            assertThat(disconnect.reasonCode()).isEqualTo(reasonCode);
            assertThat(disconnect.properties()).containsKey(RawMqtt5Socket.REASON_STRING);
            assertThat(raw.closedByPeer()).isTrue();
        }
        // Only the publishes before the refused one may have been delivered.
        Optional<Mqtt5Publish> stray;
        while ((stray = received.receive(300, TimeUnit.MILLISECONDS)).isPresent()) {
            assertThat(text(stray.get())).as("a refused publish was delivered").isNotEqualTo("refused");
        }
    }

    private List<String> next() throws InterruptedException {
        Optional<Mqtt5Publish> publish = received.receive(5, TimeUnit.SECONDS);
        assertThat(publish).as("a message within 5 s").isPresent();
        return List.of(publish.get().getTopic().toString(), text(publish.get()));
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
