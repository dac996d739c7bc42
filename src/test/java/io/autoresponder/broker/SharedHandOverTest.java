package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.Packet;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * MQTT 5.0 section 4.8.2: a shared-subscription message sent to a member whose session ends before it
 * acknowledged goes to another member of the group.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class SharedHandOverTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HANDED_OVER = "autoresponder_broker_shared_handed_over_total";

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void unacknowledgedMessageOfAMemberThatLeavesGoesToAnotherMember() throws Exception {
        String topic = "shared/" + UUID.randomUUID();
        String filter = "$share/workers/" + topic;
        double handedOverBefore = PrometheusText.sample(HANDED_OVER);
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        Mqtt5BlockingClient steady = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = steady.publishes(MqttGlobalPublishFilter.ALL)) {
            Set<String> steadyGot = new HashSet<>();
            String leaverGot;
            try (RawMqttSocket leaver = new RawMqttSocket(port)) {
                leaver.connect("leaver-" + UUID.randomUUID(), true);
                assertThat(leaver.subscribe(1, filter, 1)).isEqualTo(1);
                steady.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();

                // Taken in turn: one message each.
                publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("first")).send();
                publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("second")).send();
                Packet publish = leaver.readPacket();
                assertThat(publish.type()).isEqualTo(RawMqttSocket.PUBLISH);
                leaverGot = publish.payload();
                steadyGot.add(payload(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS)));
                assertThat(steadyGot).doesNotContain(leaverGot);
            } // gone without PUBACK; clean session, so the session ends with the connection

            steadyGot.add(payload(received.receive(WAIT.toSeconds(), TimeUnit.SECONDS)));

            assertThat(steadyGot).containsExactlyInAnyOrder("first", "second");
            await().atMost(WAIT).until(() -> PrometheusText.sample(HANDED_OVER) >= handedOverBefore + 1);
        } finally {
            steady.disconnect();
            publisher.disconnect();
        }
    }

    private static String payload(Optional<Mqtt5Publish> publish) {
        assertThat(publish).as("a message arrived").isPresent();
        return new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
