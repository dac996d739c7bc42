package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * A persistent session taken over again and again by new connections (usually on other event loops) while
 * QoS 1 messages stream in: every message arrives at least once [MQTT-4.3.2], none is lost in a hand-over.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class SessionTakeoverUnderLoadTest {

    private static final Logger LOG = Logger.getLogger(SessionTakeoverUnderLoadTest.class);
    private static final int MESSAGES = 3_000;
    private static final int TAKEOVERS = 5;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void everyQos1MessageArrivesAcrossRepeatedTakeovers() {
        String clientId = "takeover-" + UUID.randomUUID();
        String topic = "takeover/" + UUID.randomUUID();
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger deliveries = new AtomicInteger();

        Mqtt5BlockingClient current = connect(clientId, true, received, deliveries);
        current.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient publisher = Mqtt.v5(port);
        long start = System.nanoTime();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8)).send();
            }
        });
        try {
            for (int round = 1; round <= TAKEOVERS; round++) {
                int reached = MESSAGES * round / (TAKEOVERS + 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= reached);
                current = connect(clientId, false, received, deliveries); // takes the session over
            }
            publishing.join();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == MESSAGES);
            LOG.infof("%d QoS 1 messages, %d takeovers: %d delivered (%d duplicates) in %d ms", MESSAGES, TAKEOVERS,
                    deliveries.get(), deliveries.get() - MESSAGES, Duration.ofNanos(System.nanoTime() - start).toMillis());
        } finally {
            publisher.disconnect();
            current.disconnectWith().sessionExpiryInterval(0).send();
        }
        assertThat(received).hasSize(MESSAGES);
    }

    private Mqtt5BlockingClient connect(String clientId, boolean cleanStart, Set<String> received,
            AtomicInteger deliveries) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        // Registered before CONNECT, so messages the session sends right after CONNACK are seen.
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, publish -> {
            deliveries.incrementAndGet();
            received.add(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
        });
        boolean present = client.connectWith().cleanStart(cleanStart).sessionExpiryInterval(60).send()
                .isSessionPresent();
        assertThat(present).isEqualTo(!cleanStart);
        return client;
    }
}
