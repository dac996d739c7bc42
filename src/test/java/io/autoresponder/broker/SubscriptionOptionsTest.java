package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Sentinel;
import io.autoresponder.support.brokers.FreeBrokerPort;

/** MQTT 5 subscription options (section 3.8.3.1): no-local, retain-as-published, retain handling. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class SubscriptionOptionsTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    private String topic;
    private Mqtt5BlockingClient client;
    private Mqtt5BlockingClient other;
    private Mqtt5BlockingClient.Mqtt5Publishes received;

    @BeforeEach
    void connect() {
        topic = "options/" + UUID.randomUUID();
        client = Mqtt.v5(port);
        other = Mqtt.v5(port);
        received = client.publishes(MqttGlobalPublishFilter.ALL);
    }

    @AfterEach
    void disconnect() {
        other.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).send(); // clear retained
        received.close();
        client.disconnect();
        other.disconnect();
    }

    // [MQTT-3.8.3-3]: with no-local, a client does not get its own messages back.
    @Test
    void noLocalSubscriberDoesNotReceiveItsOwnMessages() throws InterruptedException {
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).noLocal(true).send();

        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("mine")).send();
        other.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("theirs")).send();

        Optional<Mqtt5Publish> publish = received.receive(5, TimeUnit.SECONDS);
        assertThat(publish).isPresent();
        assertThat(text(publish.get())).isEqualTo("theirs");
        Sentinel.assertNothingElseArrives(client, received, client);
    }

    // [MQTT-3.3.1-12]/[MQTT-3.3.1-13]: retain-as-published keeps the retain flag of live messages.
    @Test
    void retainAsPublishedKeepsTheRetainFlag() throws InterruptedException {
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).retainAsPublished(true).send();

        other.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("kept")).send();

        Optional<Mqtt5Publish> publish = received.receive(5, TimeUnit.SECONDS);
        assertThat(publish).isPresent();
        assertThat(publish.get().isRetain()).isTrue();
    }

    // [MQTT-3.3.1-11]: retain handling 2 sends no retained messages on subscribe.
    @Test
    void retainHandlingDoNotSendSkipsRetainedMessages() throws InterruptedException {
        other.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("old")).send();

        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                .retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send();

        Sentinel.assertNothingElseArrives(client, received, client);
    }

    // [MQTT-3.3.1-10]: retain handling 1 sends retained messages only when the subscription is new.
    @Test
    void retainHandlingSendIfNewSendsOnlyForANewSubscription() throws InterruptedException {
        other.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("old")).send();

        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                .retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST).send();
        Optional<Mqtt5Publish> first = received.receive(5, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                .retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST).send();

        assertThat(first).isPresent();
        assertThat(first.get().isRetain()).isTrue();
        Sentinel.assertNothingElseArrives(client, received, client);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
