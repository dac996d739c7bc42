package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.RawMqttSocket;

/** Will messages (MQTT 3.1.1 section 3.1.2.5) and keep-alive (section 3.1.2.10) of the embedded broker. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class WillAndKeepAliveTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    private String willTopic;
    private Mqtt5BlockingClient watcher;
    private Mqtt5BlockingClient.Mqtt5Publishes wills;

    @BeforeEach
    void watchWills() {
        willTopic = "wills/" + UUID.randomUUID();
        watcher = Mqtt.v5(port);
        wills = watcher.publishes(MqttGlobalPublishFilter.ALL);
        watcher.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void stopWatching() {
        wills.close();
        watcher.disconnect();
    }

    // [MQTT-3.1.2-8]: the will is published when the connection is lost without DISCONNECT.
    @Test
    void willIsPublishedWhenTheConnectionDropsWithoutDisconnect() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectWithWill("will-" + UUID.randomUUID(), 60, willTopic, utf8("gone"), 1, false)).isZero();
        } // socket closed, no DISCONNECT

        Optional<Mqtt5Publish> will = wills.receive(5, TimeUnit.SECONDS);
        assertThat(will).isPresent();
        assertThat(new String(will.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("gone");
        assertThat(will.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    }

    // [MQTT-3.14.4-3]: after a DISCONNECT the will is discarded.
    @Test
    void willIsDiscardedAfterANormalDisconnect() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectWithWill("will-" + UUID.randomUUID(), 60, willTopic, utf8("gone"), 1, false)).isZero();
            raw.disconnect();
            assertThat(raw.closedByPeer()).isTrue();
        }

        assertThat(wills.receive(500, TimeUnit.MILLISECONDS)).isEmpty();
    }

    // [MQTT-3.1.2-24]: a client silent for one and a half keep-alive periods is disconnected, and its will sent.
    @Test
    void silentClientIsDisconnectedAfterOneAndAHalfKeepAlivePeriods() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            long start = System.nanoTime();
            assertThat(raw.connectWithWill("silent-" + UUID.randomUUID(), 1, willTopic, utf8("timed out"), 0, false))
                    .isZero();

            assertThat(raw.closedByPeer()).isTrue();
            Duration silentFor = Duration.ofNanos(System.nanoTime() - start);
            assertThat(silentFor).isBetween(Duration.ofMillis(1400), Duration.ofMillis(4900));
        }
        Optional<Mqtt5Publish> will = wills.receive(5, TimeUnit.SECONDS);
        assertThat(will).isPresent();
        assertThat(new String(will.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("timed out");
    }

    // A retained will stays for later subscribers [MQTT-3.1.2-17].
    @Test
    void retainedWillIsKeptForLaterSubscribers() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connectWithWill("will-" + UUID.randomUUID(), 60, willTopic, utf8("last words"), 1, true))
                    .isZero();
        }
        assertThat(wills.receive(5, TimeUnit.SECONDS)).isPresent();

        Mqtt5BlockingClient late = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = late.publishes(MqttGlobalPublishFilter.ALL)) {
            late.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
            Optional<Mqtt5Publish> retained = received.receive(5, TimeUnit.SECONDS);
            assertThat(retained).isPresent();
            assertThat(retained.get().isRetain()).isTrue();
        } finally {
            late.publishWith().topic(willTopic).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
            late.disconnect();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
