package io.autoresponder.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.autoresponder.support.wire.Packet;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * Proves that nothing (more) arrives, without listening for a while: a sentinel goes to the client after the thing
 * that must not arrive, and must be the next thing it receives. A silence window passes on a slow machine whether
 * or not the message was on its way, and costs its length on every run; a sentinel fails whenever the message was
 * routed, and costs one round trip.
 * <p>
 * Why the order holds on the embedded broker: it handles one connection's packets in order and routes a QoS 1
 * message before it acknowledges it, and a session's outbound queue is first in, first out. So whatever was routed
 * to the client before the sentinel, or queued for it when it connected, reaches it before the sentinel. The
 * sentinel is published by the client that sent what must not arrive (its packets stay in order even at QoS 0), or
 * by anyone once that was acknowledged.
 */
public final class Sentinel {

    private static final long WAIT_SECONDS = 10;

    private Sentinel() {
    }

    /**
     * Subscribes {@code receiver} to a sentinel topic of its own, has {@code publisher} publish to it, and asserts
     * that the next message {@code received} yields is the sentinel.
     */
    public static void assertNothingElseArrives(Mqtt5BlockingClient receiver, Mqtt5BlockingClient.Mqtt5Publishes received,
            Mqtt5BlockingClient publisher) throws InterruptedException {
        String topic = topic();
        receiver.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(topic)).send();

        Optional<Mqtt5Publish> next = received.receive(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(next).as("the sentinel arrives").isPresent();
        assertThat(next.get().getTopic().toString()).as("nothing arrived before the sentinel: %s", next.get())
                .isEqualTo(topic);
        receiver.unsubscribeWith().topicFilter(topic).send();
    }

    /** The same for MQTT 3.1.1 clients. */
    public static void assertNothingElseArrives(Mqtt3BlockingClient receiver, Mqtt3BlockingClient.Mqtt3Publishes received,
            Mqtt3BlockingClient publisher) throws InterruptedException {
        String topic = topic();
        receiver.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(topic)).send();

        Optional<Mqtt3Publish> next = received.receive(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(next).as("the sentinel arrives").isPresent();
        assertThat(next.get().getTopic().toString()).as("nothing arrived before the sentinel: %s", next.get())
                .isEqualTo(topic);
        receiver.unsubscribeWith().topicFilter(topic).send();
    }

    /**
     * Sends PINGREQ on a raw connection and asserts that the next packet is its PINGRESP (MQTT 3.1.1 section
     * 3.12): nothing the broker had queued for the connection came first.
     */
    public static void assertNothingElseArrives(RawMqttSocket raw) throws IOException {
        raw.send(new byte[] { (byte) 0xC0, 0 });

        Packet next = raw.readPacket();

        assertThat(next.type()).as("PINGRESP first, nothing before it (got packet type %d)", next.type())
                .isEqualTo(RawMqttSocket.PINGRESP);
    }

    private static String topic() {
        return "sentinel/" + UUID.randomUUID();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
