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

import io.autoresponder.broker.session.SessionStore;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Sentinel;
import io.autoresponder.support.SessionCleanup;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.Packet;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * Message delivery retry on reconnect (MQTT 3.1.1 section 4.4, MQTT 5.0 section 4.4), seen on the wire with a
 * hand-written client that leaves acknowledgements out on purpose.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class RedeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Inject
    SessionStore sessions;

    private String clientId;
    private String topic;
    private Mqtt5BlockingClient other;

    @BeforeEach
    void setUp() {
        clientId = "redelivery-" + UUID.randomUUID();
        topic = "redelivery/" + UUID.randomUUID();
        other = Mqtt.v5(port);
    }

    @AfterEach
    void tearDown() throws Exception {
        other.disconnect();
        SessionCleanup.discard(port, clientId, sessions);
    }

    // [MQTT-4.4.0-1]: an unacknowledged QoS 1 PUBLISH is sent again on reconnect, DUP set [MQTT-3.3.1-1], with the
    // same packet identifier; once acknowledged it is not sent again.
    @Test
    void unacknowledgedQos1MessageIsResentWithDupAndTheSamePacketIdentifier() throws Exception {
        Packet first;
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connectForAck(clientId, false);
            assertThat(raw.subscribe(1, topic, 1)).isEqualTo(1);
            other.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("once more")).send();
            first = raw.readPacket();
            assertThat(first.type()).isEqualTo(RawMqttSocket.PUBLISH);
            assertThat(first.dup()).isFalse();
        } // no PUBACK
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectForAck(clientId, false).sessionPresent()).isTrue();
            Packet again = raw.readPacket();
            assertThat(again.type()).isEqualTo(RawMqttSocket.PUBLISH);
            assertThat(again.dup()).isTrue();
            assertThat(again.packetId()).isEqualTo(first.packetId());
            assertThat(again.qos()).isEqualTo(1);
            assertThat(again.payload()).isEqualTo("once more");
            raw.acknowledge(RawMqttSocket.PUBACK, again.packetId());
            raw.disconnect();
        }
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connectForAck(clientId, false);
            Sentinel.assertNothingElseArrives(raw);
        }
    }

    // [MQTT-4.4.0-1]: a QoS 2 message whose PUBREC the broker had gets PUBREL again on reconnect, not the PUBLISH.
    @Test
    void qos2MessagePastPubrecGetsPubrelAgainNotAnotherPublish() throws Exception {
        int packetId;
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connectForAck(clientId, false);
            raw.subscribe(1, topic, 2);
            other.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(utf8("exactly")).send();
            Packet publish = raw.readPacket();
            assertThat(publish.qos()).isEqualTo(2);
            packetId = publish.packetId();
            raw.acknowledge(RawMqttSocket.PUBREC, packetId);
            Packet pubrel = raw.readPacket();
            assertThat(pubrel.type()).isEqualTo(RawMqttSocket.PUBREL);
            assertThat(pubrel.packetId()).isEqualTo(packetId);
        } // no PUBCOMP
        await().atMost(WAIT).until(() -> sessions.isAway(clientId));

        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.connectForAck(clientId, false);
            Packet again = raw.readPacket();
            assertThat(again.type()).isEqualTo(RawMqttSocket.PUBREL);
            assertThat(again.packetId()).isEqualTo(packetId);
            raw.acknowledge(RawMqttSocket.PUBCOMP, packetId);
            Sentinel.assertNothingElseArrives(raw);
        }
    }

    // [MQTT-4.3.3-2] across a reconnect: the broker remembers the packet identifier until PUBREL, so the PUBLISH
    // the client sends again after reconnecting between PUBREC and PUBREL is not delivered a second time.
    @Test
    void qos2PublishRepeatedAfterAReconnectBeforePubrelIsDeliveredExactlyOnce() throws Exception {
        try (Mqtt5BlockingClient.Mqtt5Publishes received = other.publishes(MqttGlobalPublishFilter.ALL)) {
            other.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
            try (RawMqttSocket raw = new RawMqttSocket(port)) {
                raw.connectForAck(clientId, false);
                raw.publish(topic, "exactly once", 2, 7, false);
                Packet pubrec = raw.readPacket();
                assertThat(pubrec.type()).isEqualTo(RawMqttSocket.PUBREC);
                assertThat(pubrec.packetId()).isEqualTo(7);
            } // gone before PUBREL
            await().atMost(WAIT).until(() -> sessions.isAway(clientId));

            try (RawMqttSocket raw = new RawMqttSocket(port)) {
                assertThat(raw.connectForAck(clientId, false).sessionPresent()).isTrue();
                raw.publish(topic, "exactly once", 2, 7, true);
                assertThat(raw.readPacket().type()).isEqualTo(RawMqttSocket.PUBREC);
                raw.acknowledge(RawMqttSocket.PUBREL, 7);
                Packet pubcomp = raw.readPacket();
                assertThat(pubcomp.type()).isEqualTo(RawMqttSocket.PUBCOMP);
                assertThat(pubcomp.packetId()).isEqualTo(7);
            }

            Optional<Mqtt5Publish> delivered = received.receive(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(delivered).isPresent();
            assertThat(new String(delivered.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("exactly once");
            Sentinel.assertNothingElseArrives(other, received, other);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
