package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
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
import io.autoresponder.support.brokers.FreeBrokerPort;

/** MQTT 5 message expiry interval (section 3.3.2.3.3). */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class MessageExpiryTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    // [MQTT-3.3.2-6]: the interval sent on is what is left of it.
    @Test
    void retainedMessageCarriesItsRemainingExpiry() throws InterruptedException {
        String topic = "expiry/" + UUID.randomUUID();
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).messageExpiryInterval(100)
                .payload("kept".getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();

        Optional<Mqtt5Publish> retained = retainedFor(topic, 5_000);

        assertThat(retained).isPresent();
        assertThat(retained.get().getMessageExpiryInterval()).isPresent();
        assertThat(retained.get().getMessageExpiryInterval().getAsLong()).isBetween(1L, 100L);
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
        publisher.disconnect();
    }

    // [MQTT-3.3.2-5]: once expired, a retained message is no longer delivered (that it is delivered while it
    // lives is shown above, with a longer interval that a slow machine cannot outlast).
    @Test
    void expiredRetainedMessageIsNotDelivered() throws InterruptedException {
        String topic = "expiry/" + UUID.randomUUID();
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).messageExpiryInterval(1)
                .payload("brief".getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
        publisher.disconnect();

        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(250))
                .until(() -> retainedFor(topic, 300).isEmpty());
    }

    /** What a new subscriber to {@code topic} is given within {@code waitMillis}. */
    private Optional<Mqtt5Publish> retainedFor(String topic, long waitMillis) throws InterruptedException {
        Mqtt5BlockingClient subscriber = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            return received.receive(waitMillis, TimeUnit.MILLISECONDS);
        } finally {
            subscriber.disconnect();
        }
    }
}
