package io.autoresponder.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;

/** MQTT 5 payload format indicator (section 3.3.2.3.2): declared UTF-8 must be UTF-8. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class PayloadFormatTest {

    private static final byte[] NOT_UTF8 = { 'o', 'k', (byte) 0xC3, 0x28 };

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void declaredUtf8PayloadThatIsNotIsRefusedWith0x99AndNotDelivered() throws InterruptedException {
        String topic = "format/" + UUID.randomUUID();
        Mqtt5BlockingClient subscriber = Mqtt.v5(port);
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

            assertThatThrownBy(() -> publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8).payload(NOT_UTF8).send())
                    .isInstanceOfSatisfying(Mqtt5PubAckException.class, refused -> assertThat(
                            refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID));
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8).payload("测试".getBytes(StandardCharsets.UTF_8))
                    .send();

            Optional<Mqtt5Publish> publish = received.receive(5, TimeUnit.SECONDS);
            assertThat(publish).isPresent();
            assertThat(new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("测试");
            assertThat(publish.get().getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
            assertThat(received.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
        } finally {
            subscriber.disconnect();
            publisher.disconnect();
        }
    }

    @Test
    void qos0MessageWithMalformedDeclaredUtf8ClosesTheConnection() {
        Mqtt5BlockingClient publisher = Mqtt.v5(port);

        publisher.publishWith().topic("format/" + UUID.randomUUID()).qos(MqttQos.AT_MOST_ONCE)
                .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8).payload(NOT_UTF8).send();

        await().atMost(Duration.ofSeconds(5)).until(() -> !publisher.getState().isConnected());
    }

    @Test
    void withoutTheIndicatorAnyBytesPass() throws InterruptedException {
        String topic = "format/" + UUID.randomUUID();
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

            client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(NOT_UTF8).send();

            assertThat(received.receive(5, TimeUnit.SECONDS)).hasValueSatisfying(
                    publish -> assertThat(publish.getPayloadAsBytes()).isEqualTo(NOT_UTF8));
        } finally {
            client.disconnect();
        }
    }
}
