package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.RawMqttSocket;

/** Bad and awkward bytes on the wire: refused per the spec, never crashing the broker. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class MalformedInputTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    record InvalidTopic(String name, byte[] topic) {
        @Override
        public String toString() {
            return name;
        }
    }

    static InvalidTopic[] invalidPublishTopics() {
        return new InvalidTopic[] {
                new InvalidTopic("single-level wildcard [MQTT-3.3.2-2]", "a/+".getBytes(StandardCharsets.UTF_8)),
                new InvalidTopic("multi-level wildcard [MQTT-3.3.2-2]", "a/#".getBytes(StandardCharsets.UTF_8)),
                new InvalidTopic("empty topic [MQTT-4.7.3-1]", new byte[0]),
                new InvalidTopic("ill-formed UTF-8 [MQTT-1.5.3-1]", new byte[] { 'a', (byte) 0xC3, 0x28 }),
                new InvalidTopic("U+0000 [MQTT-4.7.3-2]", new byte[] { 'a', 0, 'b' }),
        };
    }

    @ParameterizedTest(name = "PUBLISH with {0} closes the connection")
    @MethodSource("invalidPublishTopics")
    void publishWithInvalidTopicClosesTheConnection(InvalidTopic invalid) throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect("raw-" + UUID.randomUUID())).isZero();

            raw.send(RawMqttSocket.publish(invalid.topic(), "x".getBytes(StandardCharsets.UTF_8)));

            assertThat(raw.closedByPeer()).isTrue();
        }
        assertBrokerStillServes();
    }

    // netty/netty#16776: a fixed header split across TCP reads used to fail with TooLongFrameException.
    @Test
    void packetsSplitAcrossTcpSegmentsAreDecoded() throws Exception {
        String topic = "split/" + UUID.randomUUID();
        Mqtt5BlockingClient subscriber = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL);
                RawMqttSocket raw = new RawMqttSocket(port)) {
            subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_MOST_ONCE).send();
            assertThat(raw.connect("raw-" + UUID.randomUUID())).isZero();
            byte[] payload = new byte[300]; // remaining length > 127: a two-byte length field to split

            raw.sendInPieces(RawMqttSocket.publish(topic, payload), 1);

            Optional<Mqtt5Publish> publish = received.receive(5, TimeUnit.SECONDS);
            assertThat(publish).isPresent();
            assertThat(publish.get().getPayloadAsBytes()).hasSize(300);
            assertThat(raw.ping()).as("connection still open").isTrue();
        } finally {
            subscriber.disconnect();
        }
    }

    @Test
    void packetLargerThanTheLimitClosesTheConnection() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect("raw-" + UUID.randomUUID())).isZero();

            boolean refusedWhileWriting = false;
            try {
                raw.send(RawMqttSocket.publish("big/" + UUID.randomUUID(), new byte[300 * 1024]));
            } catch (java.io.IOException brokenPipe) {
                refusedWhileWriting = true; // closed as soon as the length field was read
            }

            assertThat(refusedWhileWriting || raw.closedByPeer()).isTrue();
        }
        assertBrokerStillServes();
    }

    private void assertBrokerStillServes() throws Exception {
        try (RawMqttSocket next = new RawMqttSocket(port)) {
            assertThat(next.connect("raw-" + UUID.randomUUID())).isZero();
            assertThat(next.ping()).isTrue();
        }
    }
}
