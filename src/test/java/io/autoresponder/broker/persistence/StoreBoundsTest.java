package io.autoresponder.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * The store stays bounded while the broker runs: dead records are compacted away, and live data never exceeds
 * {@code persistence.max-size} (what does not fit is not kept, and counted). Over MQTT, metrics over HTTP.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
@TestProfile(StoreBoundsTest.SmallStore.class)
class StoreBoundsTest {

    static final long MAX_SIZE = 256 * 1024;
    static final long COMPACTION_THRESHOLD = 32 * 1024;

    public static class SmallStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                return Map.of("autoresponder.broker.persistence.directory",
                        Files.createTempDirectory("store-bounds").toString(),
                        "autoresponder.broker.persistence.max-size", Long.toString(MAX_SIZE),
                        "autoresponder.broker.persistence.compaction-threshold", Long.toString(COMPACTION_THRESHOLD));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void deadRecordsAreCompactedAwayWhileMessagesFlow() {
        double compactionsBefore = PrometheusText.sample("autoresponder_broker_store_compactions_total");
        Set<String> received = ConcurrentHashMap.newKeySet();
        Mqtt5AsyncClient subscriber = persistentClient("compaction-subscriber");
        subscriber.publishes(MqttGlobalPublishFilter.ALL, publish -> received.add(new String(publish.getPayloadAsBytes())));
        subscriber.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();
        subscriber.subscribeWith().topicFilter("bounds/flow").qos(MqttQos.AT_LEAST_ONCE).send().join();

        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        int messages = 3_000; // each writes queued, sent and done: about 1 MiB of records in all
        for (int i = 0; i < messages; i++) {
            publisher.publishWith().topic("bounds/flow").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("message " + i + " ".repeat(100)).getBytes()).send();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == messages);

        assertThat(PrometheusText.sample("autoresponder_broker_store_compactions_total")).isGreaterThan(compactionsBefore);
        double fileBytes = PrometheusText.sample("autoresponder_broker_store_bytes");
        double liveBytes = PrometheusText.sample("autoresponder_broker_store_live_bytes");
        assertThat(fileBytes).isPositive();
        assertThat(liveBytes).isPositive();
        assertThat(fileBytes).as("the journal, compacted at twice its live data or the threshold")
                .isLessThanOrEqualTo(Math.max(COMPACTION_THRESHOLD, 2 * liveBytes) + 4_096);
        subscriber.disconnect().join();
        publisher.disconnect();
    }

    @Test
    void liveDataNeverExceedsMaxSizeAndWhatDoesNotFitIsCounted() {
        Mqtt5AsyncClient away = persistentClient("bounded-away");
        away.connectWith().cleanStart(true).sessionExpiryInterval(3600).send().join();
        away.subscribeWith().topicFilter("bounds/away").qos(MqttQos.AT_LEAST_ONCE).send().join();
        away.disconnect().join();

        double refusedBefore = PrometheusText.sample("autoresponder_broker_store_refused_total");
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        int messages = 400; // 400 KiB of payload for a 256 KiB store
        for (int i = 0; i < messages; i++) {
            byte[] payload = new byte[1024];
            payload[0] = (byte) i;
            publisher.publishWith().topic("bounds/away").qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
        }
        double refused = PrometheusText.sample("autoresponder_broker_store_refused_total") - refusedBefore;
        assertThat(refused).as("messages that did not fit").isPositive();
        assertThat(PrometheusText.sample("autoresponder_broker_store_live_bytes")).isPositive()
                .isLessThanOrEqualTo(MAX_SIZE);

        AtomicInteger received = new AtomicInteger();
        Mqtt5AsyncClient back = persistentClient("bounded-away");
        back.publishes(MqttGlobalPublishFilter.ALL, publish -> received.incrementAndGet());
        back.connectWith().cleanStart(false).sessionExpiryInterval(0).send().join();
        int kept = messages - (int) refused;
        await("every kept message").atMost(Duration.ofSeconds(10)).until(() -> received.get() >= kept);
        await("and no more").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> received.get() == kept);
        back.disconnect().join();
        publisher.disconnect();
    }

    private Mqtt5AsyncClient persistentClient(String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(port)
                .buildAsync();
    }
}
