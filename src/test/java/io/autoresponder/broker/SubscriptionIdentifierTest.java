package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Sentinel;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.Packet;
import io.autoresponder.support.wire.RawMqttSocket;

/** MQTT 5 subscription identifiers (section 3.8.2.1.2) carried on delivery (section 3.3.4). */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class SubscriptionIdentifierTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    private String base;
    private Mqtt5BlockingClient publisher;
    private RawMqttSocket subscriber;

    @BeforeEach
    void connect() throws Exception {
        base = "ids/" + UUID.randomUUID();
        publisher = Mqtt.v5(port);
        subscriber = new RawMqttSocket(port);
        assertThat(subscriber.connect5("ids-" + UUID.randomUUID(), true, 0, null, null, 0).code()).isZero();
    }

    @AfterEach
    void disconnect() throws Exception {
        subscriber.close();
        publisher.disconnect();
    }

    // [MQTT-3.3.4-3]: a message matching one subscription carries that subscription's identifier.
    @Test
    void messageCarriesTheIdentifierOfItsSubscription() throws Exception {
        subscriber.subscribe5(1, base + "/a", 1, 42);

        publish(base + "/a");

        Packet publish = subscriber.readPacket();
        assertThat(publish.subscriptionIds5()).containsExactly(42);
    }

    // [MQTT-3.3.4-3], [MQTT-3.3.4-5]: overlapping subscriptions give one copy with the identifiers of all of them.
    @Test
    void overlappingSubscriptionsDeliverOneCopyWithEveryIdentifier() throws Exception {
        subscriber.subscribe5(1, base + "/+", 1, 7);
        subscriber.subscribe5(2, base + "/#", 1, 300_000);

        publish(base + "/x");

        Packet publish = subscriber.readPacket();
        assertThat(publish.type()).isEqualTo(RawMqttSocket.PUBLISH);
        assertThat(publish.subscriptionIds5()).containsExactlyInAnyOrder(7, 300_000);
        subscriber.acknowledge(RawMqttSocket.PUBACK, publish.packetId());
        Sentinel.assertNothingElseArrives(subscriber);
    }

    // MQTT 5.0 section 3.3.4: a subscription made without an identifier adds none.
    @Test
    void subscriptionWithoutIdentifierAddsNone() throws Exception {
        subscriber.subscribe5(1, base + "/+", 1, 0);
        subscriber.subscribe5(2, base + "/#", 1, 9);

        publish(base + "/x");

        assertThat(subscriber.readPacket().subscriptionIds5()).containsExactly(9);
    }

    // [MQTT-3.3.4-3] for retained messages sent on SUBSCRIBE.
    @Test
    void retainedMessageSentOnSubscribeCarriesTheIdentifier() throws Exception {
        publisher.publishWith().topic(base + "/kept").qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .payload("kept".getBytes(StandardCharsets.UTF_8)).send();
        try {
            subscriber.subscribe5(1, base + "/kept", 1, 5);

            assertThat(subscriber.readPacket().subscriptionIds5()).containsExactly(5);
        } finally {
            publisher.publishWith().topic(base + "/kept").qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
        }
    }

    // MQTT 5.0 section 3.8.2.1.2: a subscription identifier of 0 is a protocol error; the connection is closed.
    @Test
    void subscriptionIdentifierZeroClosesTheConnection() throws Exception {
        byte[] filter = (base + "/zero").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        packet.write(0x82);
        packet.write(2 + 3 + 2 + filter.length + 1);
        packet.writeBytes(new byte[] { 0, 1, 2, 0x0B, 0 }); // packet id 1; properties: subscription identifier 0
        packet.write(filter.length >> 8);
        packet.write(filter.length & 0xFF);
        packet.writeBytes(filter);
        packet.write(1);

        subscriber.send(packet.toByteArray());

        assertThat(subscriber.closedByPeer()).isTrue();
    }

    private void publish(String topic) {
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload("x".getBytes(StandardCharsets.UTF_8))
                .send();
    }
}
