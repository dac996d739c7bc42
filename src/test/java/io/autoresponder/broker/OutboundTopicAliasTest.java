package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import io.autoresponder.support.wire.Packet;
import io.autoresponder.support.wire.RawMqtt5Socket;

/**
 * Topic aliases from the broker to MQTT 5 clients (MQTT 5.0 section 3.3.2.3.4): on the wire with a raw client,
 * and end to end with the HiveMQ client, which resolves them.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class OutboundTopicAliasTest {

    private static final int PUBLISH = 3;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    // [MQTT-3.3.2-8]: at most the client's Topic Alias Maximum, here 2; the least recently used alias moves.
    @Test
    void aClientThatTakesTwoAliasesGetsTheNameOnceThenTheAliasAndNeverAThirdAlias() throws Exception {
        String base = "out-alias/" + UUID.randomUUID();
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("raw-" + UUID.randomUUID(), 60,
                    RawMqtt5Socket.properties().twoBytes(RawMqtt5Socket.TOPIC_ALIAS_MAXIMUM, 2).build());
            assertThat(raw.subscribe(base + "/#")).isZero();

            for (String level : new String[] { "a", "a", "b", "c", "a" }) {
                publisher.publishWith().topic(base + "/" + level).qos(MqttQos.AT_MOST_ONCE)
                        .payload(level.getBytes(StandardCharsets.UTF_8)).send();
                Thread.sleep(20); // keep the order of the five PUBLISH packets
            }

            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Packet publish = nextPublish(raw);
                seen.add(publish.payload5() + " " + shortName(publish.topic(), base) + " " + publish.topicAlias5());
            }
            assertThat(seen).containsExactly(
                    "a a 1", // name and a new alias
                    "a  1", // alias only: empty topic name
                    "b b 2",
                    "c c 1", // a was least recently used: its alias goes to c, with c's name
                    "a a 2"); // and b's to a
        } finally {
            publisher.disconnect();
        }
    }

    @Test
    void aClientThatAnnouncesNoTopicAliasMaximumGetsNoAlias() throws Exception {
        String base = "out-alias/" + UUID.randomUUID();
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("raw-" + UUID.randomUUID());
            raw.subscribe(base + "/#");

            for (int i = 0; i < 2; i++) {
                publisher.publishWith().topic(base + "/x").qos(MqttQos.AT_MOST_ONCE).payload(new byte[] { 'x' }).send();
                Packet publish = nextPublish(raw);
                assertThat(publish.topic()).isEqualTo(base + "/x");
                assertThat(publish.topicAlias5()).isNull();
            }
        } finally {
            publisher.disconnect();
        }
    }

    @Test
    void theHiveMqClientResolvesEveryAliasToItsTopicAcrossReassignments() throws Exception {
        String base = "out-alias/" + UUID.randomUUID();
        Mqtt5BlockingClient subscriber = MqttClient.builder().useMqttVersion5().serverHost("127.0.0.1")
                .serverPort(port).identifier("aliases-" + UUID.randomUUID()).buildBlocking();
        subscriber.connectWith().restrictions().topicAliasMaximum(3).applyRestrictions().send();
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter(base + "/#").qos(MqttQos.AT_LEAST_ONCE).send();

            // Five topics over three aliases, in a pattern that reassigns them again and again.
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String topic = base + "/" + (i * 7 % 5);
                sent.add(topic);
                publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8)).send();
            }

            for (int i = 0; i < 60; i++) {
                Mqtt5Publish publish = received.receive(10, TimeUnit.SECONDS).orElseThrow();
                int index = Integer.parseInt(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
                assertThat(publish.getTopic().toString()).as("message %d", index).isEqualTo(sent.get(index));
            }
        } finally {
            subscriber.disconnect();
            publisher.disconnect();
        }
    }

    private static Packet nextPublish(RawMqtt5Socket raw) throws Exception {
        while (true) {
            Packet packet = raw.read();
            if (packet.type() == PUBLISH) {
                return packet;
            }
        }
    }

    private static String shortName(String topic, String base) {
        return topic.isEmpty() ? "" : topic.substring(base.length() + 1);
    }
}
