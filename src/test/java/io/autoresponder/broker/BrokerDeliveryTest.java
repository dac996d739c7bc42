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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.Sentinel;
import io.autoresponder.support.brokers.FreeBrokerPort;

/** The embedded broker seen by independent MQTT clients over TCP: delivery, QoS, wildcards, retained messages. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class BrokerDeliveryTest {

    private static final long WAIT_SECONDS = 5;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    private String base;
    private Mqtt5BlockingClient subscriber;
    private Mqtt5BlockingClient publisher;
    private Mqtt5BlockingClient.Mqtt5Publishes received;

    @BeforeEach
    void connect() {
        base = "delivery/" + UUID.randomUUID();
        subscriber = Mqtt.v5(port);
        publisher = Mqtt.v5(port);
        received = subscriber.publishes(MqttGlobalPublishFilter.ALL);
    }

    @AfterEach
    void disconnect() {
        received.close();
        subscriber.disconnect();
        publisher.disconnect();
    }

    // MQTT 3.1.1 section 3.8.4 / MQTT 5.0 section 3.8.4: delivered at min(published QoS, granted QoS).
    @ParameterizedTest(name = "published at QoS {0}, subscribed at QoS {1}: delivered at QoS {2}")
    @CsvSource({ "0,0,0", "0,2,0", "1,0,0", "1,1,1", "1,2,1", "2,0,0", "2,1,1", "2,2,2" })
    void deliversAtTheLowerOfPublishedAndGrantedQos(int publishedQos, int grantedQos, int deliveredQos)
            throws InterruptedException {
        subscriber.subscribeWith().topicFilter(base).qos(MqttQos.fromCode(grantedQos)).send();

        publisher.publishWith().topic(base).qos(MqttQos.fromCode(publishedQos)).payload(utf8("hello")).send();

        Mqtt5Publish publish = next();
        assertThat(publish.getTopic().toString()).isEqualTo(base);
        assertThat(publish.getQos().getCode()).isEqualTo(deliveredQos);
        assertThat(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void singleLevelWildcardMatchesOneLevel() throws InterruptedException {
        subscriber.subscribeWith().topicFilter(base + "/+/temp").qos(MqttQos.AT_LEAST_ONCE).send();

        publisher.publishWith().topic(base + "/kitchen/temp").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("21")).send();
        publisher.publishWith().topic(base + "/kitchen/oven/temp").qos(MqttQos.AT_LEAST_ONCE).send();
        publisher.publishWith().topic(base + "/hall/temp").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("19")).send();

        assertThat(next().getTopic().toString()).isEqualTo(base + "/kitchen/temp");
        assertThat(next().getTopic().toString()).isEqualTo(base + "/hall/temp");
        assertNothingMore();
    }

    @Test
    void multiLevelWildcardMatchesParentAndAllDescendants() throws InterruptedException {
        subscriber.subscribeWith().topicFilter(base + "/#").qos(MqttQos.AT_LEAST_ONCE).send();

        publisher.publishWith().topic(base).qos(MqttQos.AT_LEAST_ONCE).send();
        publisher.publishWith().topic(base + "/a/b/c").qos(MqttQos.AT_LEAST_ONCE).send();

        assertThat(next().getTopic().toString()).isEqualTo(base);
        assertThat(next().getTopic().toString()).isEqualTo(base + "/a/b/c");
    }

    @Test
    void overlappingSubscriptionsDeliverOneCopy() throws InterruptedException {
        subscriber.subscribeWith().topicFilter(base + "/#").qos(MqttQos.AT_MOST_ONCE).send();
        subscriber.subscribeWith().topicFilter(base + "/x").qos(MqttQos.AT_LEAST_ONCE).send();

        publisher.publishWith().topic(base + "/x").qos(MqttQos.AT_LEAST_ONCE).send();

        assertThat(next().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        assertNothingMore();
    }

    // [MQTT-4.7.2-1]: a filter starting with a wildcard does not match topics starting with '$'.
    @Test
    void wildcardFilterDoesNotMatchDollarTopics() throws InterruptedException {
        subscriber.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send();

        publisher.publishWith().topic("$" + base).qos(MqttQos.AT_LEAST_ONCE).send();
        publisher.publishWith().topic(base).qos(MqttQos.AT_LEAST_ONCE).send();

        Mqtt5Publish publish = nextOn(base);
        assertThat(publish.getTopic().toString()).isEqualTo(base);
    }

    @Test
    void unsubscribeStopsDelivery() throws InterruptedException {
        subscriber.subscribeWith().topicFilter(base).qos(MqttQos.AT_LEAST_ONCE).send();
        subscriber.unsubscribeWith().topicFilter(base).send();

        publisher.publishWith().topic(base).qos(MqttQos.AT_LEAST_ONCE).send();

        assertNothingMore();
    }

    // [MQTT-3.3.1-6]: a new subscriber receives the retained message; [MQTT-3.3.1-10]: an empty one clears it.
    @Test
    void retainedMessageGoesToLateSubscribersUntilCleared() throws InterruptedException {
        publisher.publishWith().topic(base).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("kept")).send();

        subscriber.subscribeWith().topicFilter(base).qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5Publish retained = next();
        assertThat(retained.isRetain()).isTrue();
        assertThat(new String(retained.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");

        publisher.publishWith().topic(base).qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
        Mqtt5Publish clearing = next();
        assertThat(clearing.isRetain()).as("live copies are sent without retain [MQTT-3.3.1-9]").isFalse();

        Mqtt5BlockingClient late = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes lateReceived = late.publishes(MqttGlobalPublishFilter.ALL)) {
            late.subscribeWith().topicFilter(base).qos(MqttQos.AT_LEAST_ONCE).send();
            Sentinel.assertNothingElseArrives(late, lateReceived, late);
        } finally {
            late.disconnect();
        }
    }

    @Test
    void retainedMessagesMatchWildcardSubscriptions() throws InterruptedException {
        publisher.publishWith().topic(base + "/a").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("a")).send();

        subscriber.subscribeWith().topicFilter(base + "/+").qos(MqttQos.AT_LEAST_ONCE).send();

        assertThat(next().getTopic().toString()).isEqualTo(base + "/a");
        publisher.publishWith().topic(base + "/a").qos(MqttQos.AT_LEAST_ONCE).retain(true).send();
    }

    @Test
    void mqtt311AndMqtt5ClientsExchangeMessages() throws InterruptedException {
        Mqtt3BlockingClient v3 = Mqtt.v3(port);
        try (Mqtt3BlockingClient.Mqtt3Publishes v3Received = v3.publishes(MqttGlobalPublishFilter.ALL)) {
            v3.subscribeWith().topicFilter(base + "/to3").qos(MqttQos.EXACTLY_ONCE).send();
            subscriber.subscribeWith().topicFilter(base + "/to5").qos(MqttQos.EXACTLY_ONCE).send();

            publisher.publishWith().topic(base + "/to3").qos(MqttQos.EXACTLY_ONCE).payload(utf8("from5")).send();
            v3.publishWith().topic(base + "/to5").qos(MqttQos.EXACTLY_ONCE).payload(utf8("from3")).send();

            Optional<Mqtt3Publish> atV3 = v3Received.receive(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(atV3).isPresent();
            assertThat(new String(atV3.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("from5");
            assertThat(new String(next().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("from3");
        } finally {
            v3.disconnect();
        }
    }

    @Test
    void mqtt5PropertiesTravelWithTheMessage() throws InterruptedException {
        subscriber.subscribeWith().topicFilter(base).qos(MqttQos.AT_LEAST_ONCE).send();

        publisher.publishWith().topic(base).qos(MqttQos.AT_LEAST_ONCE).responseTopic(base + "/reply")
                .correlationData(utf8("corr-1")).contentType("application/json")
                .userProperties().add("k", "v").applyUserProperties().send();

        Mqtt5Publish publish = next();
        assertThat(publish.getResponseTopic()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo(base + "/reply"));
        assertThat(publish.getCorrelationData()).hasValueSatisfying(
                c -> assertThat(StandardCharsets.UTF_8.decode(c).toString()).isEqualTo("corr-1"));
        assertThat(publish.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/json"));
        assertThat(publish.getUserProperties().asList()).hasSize(1);
    }

    // MQTT 5.0 section 4.8.2: each message of a shared subscription goes to one member of the group.
    @Test
    void sharedSubscriptionGivesEachMessageToExactlyOneMember() throws InterruptedException {
        String shared = "$share/group-" + UUID.randomUUID() + "/" + base;
        Mqtt5BlockingClient second = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes secondReceived = second.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter(shared).qos(MqttQos.AT_LEAST_ONCE).send();
            second.subscribeWith().topicFilter(shared).qos(MqttQos.AT_LEAST_ONCE).send();

            for (int i = 0; i < 10; i++) {
                publisher.publishWith().topic(base).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("m" + i)).send();
            }

            java.util.List<String> first = new java.util.ArrayList<>();
            java.util.List<String> other = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (first.size() + other.size() < 10 && System.nanoTime() - deadline < 0) {
                received.receive(20, TimeUnit.MILLISECONDS).ifPresent(publish -> first.add(text(publish)));
                secondReceived.receive(20, TimeUnit.MILLISECONDS).ifPresent(publish -> other.add(text(publish)));
            }
            Sentinel.assertNothingElseArrives(subscriber, received, publisher);
            Sentinel.assertNothingElseArrives(second, secondReceived, publisher);
            assertThat(first).isNotEmpty();
            assertThat(other).isNotEmpty();
            java.util.List<String> all = new java.util.ArrayList<>(first);
            all.addAll(other);
            assertThat(all).hasSize(10).doesNotHaveDuplicates();
        } finally {
            second.disconnect();
        }
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private Mqtt5Publish next() throws InterruptedException {
        Optional<Mqtt5Publish> publish = received.receive(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(publish).as("a message within %d s", WAIT_SECONDS).isPresent();
        return publish.get();
    }

    /** The next message on {@code topic}, skipping traffic of other tests that a '#' subscription also sees. */
    private Mqtt5Publish nextOn(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Optional<Mqtt5Publish> publish = received.receive(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (publish.isPresent() && publish.get().getTopic().toString().startsWith("$")) {
                throw new AssertionError("'#' matched " + publish.get().getTopic());
            }
            if (publish.isPresent() && publish.get().getTopic().toString().equals(topic)) {
                return publish.get();
            }
        }
        throw new AssertionError("nothing on " + topic);
    }

    private void assertNothingMore() throws InterruptedException {
        Sentinel.assertNothingElseArrives(subscriber, received, publisher);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
