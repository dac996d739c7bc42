package io.autoresponder.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Json;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * A burst of 10,000 QoS 1 requests from one client, all in flight at once, is answered completely and without
 * a disconnect (guards the Netty split-header bug and the connector's in-flight limit).
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class BurstTest {

    private static final int REQUESTS = 10_000;

    // The broker the responder talks to: the embedded one (this key follows autoresponder.broker.port) or an
    // external one (the *OnMosquittoTest subclasses).
    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    @Test
    void everyRequestOfABurstIsAnsweredExactlyOnce() {
        String run = UUID.randomUUID().toString();
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("burst-" + run)
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        client.connect().join();
        Set<Integer> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger replies = new AtomicInteger();
        client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).callback(publish -> {
            JsonNode reply = Json.parse(publish.getPayloadAsBytes());
            if (run.equals(reply.path("id").asText())) {
                replies.incrementAndGet();
                answered.add(reply.path("seq").asInt());
            }
        }).send().join();

        CompletableFuture<?>[] sent = new CompletableFuture<?>[REQUESTS];
        for (int seq = 0; seq < REQUESTS; seq++) {
            byte[] payload = Json.bytes("{\"talk\":\"burst\",\"name\":\"b\",\"id\":\"" + run + "\",\"seq\":" + seq + "}");
            sent[seq] = client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
        }
        CompletableFuture.allOf(sent).join();

        await().atMost(Duration.ofSeconds(120)).until(() -> answered.size() == REQUESTS);
        assertThat(replies.get()).as("no duplicate replies").isEqualTo(REQUESTS);
        assertThat(client.getState().isConnected()).isTrue();
        client.disconnect().join();
    }
}
