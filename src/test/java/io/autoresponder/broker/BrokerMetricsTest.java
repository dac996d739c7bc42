package io.autoresponder.broker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * The broker's gauges and counters over HTTP ({@code /q/metrics}) move with real MQTT traffic. Own application
 * instance, so no other test's clients change the numbers: once ready, only the responder's own subscription
 * exists and only this test publishes, which makes exact deltas safe to assert.
 */
@QuarkusTest
@TestProfile(BrokerMetricsTest.Isolated.class)
@WithTestResource(FreeBrokerPort.class)
class BrokerMetricsTest {

    /** Separate application instance for this test. */
    public static class Isolated implements QuarkusTestProfile {
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SUBSCRIPTIONS = "autoresponder_broker_subscriptions";
    private static final String RETAINED = "autoresponder_broker_retained_messages";
    private static final String PAYLOAD_RECEIVED = "autoresponder_broker_payload_received_bytes_total";
    private static final String PAYLOAD_SENT = "autoresponder_broker_payload_sent_bytes_total";
    private static final String ACCEPTED = "autoresponder_broker_connections_accepted_total";
    private static final String REFUSED_IDENTIFIER =
            "autoresponder_broker_connections_refused_total{reason=\"identifier_rejected\"}";

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @ConfigProperty(name = "autoresponder.broker.max-queued-bytes")
    long maxQueuedBytes;

    private String base;

    @BeforeEach
    void readyAndQuiet() {
        base = "metrics/" + UUID.randomUUID();
        // Ready means the responder has subscribed: its subscription is in the baseline, not in a delta.
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void subscriptionsGaugeCountsEachFilterAndDropsThemWhenTheClientLeaves() {
        double before = PrometheusText.sample(SUBSCRIPTIONS);
        Mqtt5BlockingClient client = Mqtt.v5(port);

        client.subscribeWith().topicFilter(base + "/a").qos(MqttQos.AT_LEAST_ONCE).send();
        client.subscribeWith().topicFilter(base + "/+").qos(MqttQos.AT_MOST_ONCE).send();
        client.subscribeWith().topicFilter(base + "/#").qos(MqttQos.EXACTLY_ONCE).send();
        awaitValue(SUBSCRIPTIONS, before + 3);

        client.disconnect();
        awaitValue(SUBSCRIPTIONS, before);
    }

    @Test
    void retainedGaugeCountsStoredMessagesAndAnEmptyPayloadClearsOne() {
        double before = PrometheusText.sample(RETAINED);
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try {
            client.publishWith().topic(base + "/one").retain(true).qos(MqttQos.AT_LEAST_ONCE).payload(bytes(3)).send();
            client.publishWith().topic(base + "/two").retain(true).qos(MqttQos.AT_LEAST_ONCE).payload(bytes(3)).send();
            awaitValue(RETAINED, before + 2);

            // An empty retained payload removes the topic's retained message [MQTT-3.3.1-10].
            client.publishWith().topic(base + "/one").retain(true).qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic(base + "/two").retain(true).qos(MqttQos.AT_LEAST_ONCE).send();
            awaitValue(RETAINED, before);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void payloadBytesAreCountedInAndOut() throws InterruptedException {
        double receivedBefore = PrometheusText.sample(PAYLOAD_RECEIVED);
        double sentBefore = PrometheusText.sample(PAYLOAD_SENT);
        Mqtt5BlockingClient subscriber = Mqtt.v5(port);
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber.subscribeWith().topicFilter(base).qos(MqttQos.AT_LEAST_ONCE).send();

            publisher.publishWith().topic(base).qos(MqttQos.AT_LEAST_ONCE).payload(bytes(1000)).send();

            Optional<Mqtt5Publish> delivered = publishes.receive(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(delivered).as("the message reached the subscriber").isPresent();
            awaitValue(PAYLOAD_RECEIVED, receivedBefore + 1000);
            awaitValue(PAYLOAD_SENT, sentBefore + 1000);
        } finally {
            subscriber.disconnect();
            publisher.disconnect();
        }
    }

    // [MQTT-3.1.3-8]: an empty client id without clean session is refused with reason 0x02 (by Vert.x itself).
    @Test
    void refusedConnectionsAreCountedByConnackReason() throws Exception {
        double before = PrometheusText.sample(REFUSED_IDENTIFIER);

        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect("", false)).isEqualTo(0x02);
        }

        awaitValue(REFUSED_IDENTIFIER, before + 1);
    }

    @Test
    void acceptedConnectionsAreCountedAndTheQueuedBytesBudgetIsServed() {
        double before = PrometheusText.sample(ACCEPTED);

        Mqtt.v5(port).disconnect();
        Mqtt.v3(port).disconnect();

        awaitValue(ACCEPTED, before + 2);
        assertThat(PrometheusText.sample("autoresponder_broker_queued_bytes_max")).isEqualTo(maxQueuedBytes);
    }

    @Test
    void noTagCarriesAClientIdOrATopic() throws InterruptedException {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter(base).send();
            client.publishWith().topic(base).payload(bytes(1)).send();
            assertThat(publishes.receive(WAIT.toSeconds(), TimeUnit.SECONDS)).isPresent();
            String clientId = client.getConfig().getClientIdentifier().map(Object::toString).orElseThrow();

            String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

            assertThat(body).doesNotContain(clientId).doesNotContain(base);
        } finally {
            client.disconnect();
        }
    }

    private static void awaitValue(String series, double expected) {
        DoubleSupplier value = () -> PrometheusText.sample(series);
        await().atMost(WAIT).untilAsserted(() -> assertThat(value.getAsDouble()).as(series).isEqualTo(expected));
    }

    private static byte[] bytes(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        return payload;
    }
}
