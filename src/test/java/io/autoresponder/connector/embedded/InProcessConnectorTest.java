package io.autoresponder.connector.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Json;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;

/** Channels attached in-process to the embedded broker, seen from MQTT clients over TCP. */
@QuarkusTest
@TestProfile(InProcessChannelsProfile.class)
@WithTestResource(FreeBrokerPort.class)
class InProcessConnectorTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Inject
    InProcessTestHandlers handlers;

    @Inject
    @Connector(EmbeddedConnector.NAME)
    EmbeddedConnector connector;

    @Test
    void wildcardChannelSeesMqttMetadataAndRepliesWherePerMessageMetadataSays() throws Exception {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("inproc/replies/#").qos(MqttQos.EXACTLY_ONCE).send();

            client.publishWith().topic("inproc/sensor-7/requests").qos(MqttQos.AT_LEAST_ONCE)
                    .responseTopic("inproc/answers").correlationData("c-42".getBytes(StandardCharsets.UTF_8))
                    .payload(Json.bytes("hello")).send();

            Optional<Mqtt5Publish> reply = received.receive(5, TimeUnit.SECONDS);
            assertThat(reply).isPresent();
            assertThat(reply.get().getTopic().toString()).isEqualTo("inproc/replies/sensor-7");
            assertThat(reply.get().getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
            assertThat(reply.get().getUserProperties().asList()).hasSize(1);
            JsonNode seen = Json.parse(reply.get().getPayloadAsBytes());
            assertThat(seen.path("payload").asText()).isEqualTo("hello");
            assertThat(seen.path("topic").asText()).isEqualTo("inproc/sensor-7/requests");
            assertThat(seen.path("qos").asInt()).isEqualTo(1);
            assertThat(seen.path("retain").asBoolean()).isFalse();
            assertThat(seen.path("responseTopic").asText()).isEqualTo("inproc/answers");
            assertThat(seen.path("correlation").asText()).isEqualTo("c-42");
            assertThat(seen.path("publisher").asText())
                    .isEqualTo(client.getConfig().getClientIdentifier().orElseThrow().toString());
        } finally {
            client.disconnect();
        }
    }

    // MQTT 5.0 section 4.8.2: two channels in one share group split the messages, each message once.
    @Test
    void channelsInOneShareGroupEachGetAShareOfTheMessages() {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        String run = UUID.randomUUID().toString();
        try {
            for (int i = 0; i < 20; i++) {
                client.publishWith().topic("inproc/jobs").qos(MqttQos.AT_LEAST_ONCE).payload(Json.bytes(run + "-" + i))
                        .send();
            }
        } finally {
            client.disconnect();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> ofRun(handlers.memberA(), run).size()
                + ofRun(handlers.memberB(), run).size() == 20);
        List<String> all = new ArrayList<>(ofRun(handlers.memberA(), run));
        all.addAll(ofRun(handlers.memberB(), run));
        assertThat(all).doesNotHaveDuplicates();
        assertThat(ofRun(handlers.memberA(), run)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(ofRun(handlers.memberB(), run)).hasSizeGreaterThanOrEqualTo(5);
    }

    /**
     * A handler that falls behind holds back the publisher's acknowledgements; with receive maximum 20
     * (MQTT 5.0 section 4.9) the publisher stops at 20 unacknowledged messages, so the channel's queue stays
     * bounded while 200 wait at the publisher. Once the handler moves, every message is acknowledged.
     */
    @Test
    void slowHandlerSlowsThePublisherInsteadOfGrowingMemory() {
        int total = 200;
        Mqtt5AsyncClient publisher = MqttClient.builder().useMqttVersion5().identifier("slow-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        publisher.connect().join();
        List<CompletableFuture<Mqtt5PublishResult>> sent = new CopyOnWriteArrayList<>();
        // The client's own flow control blocks the publishing thread once its window is full: publish elsewhere.
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                sent.add(publisher.publishWith().topic("inproc/slow").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(Json.bytes("m" + i)).send());
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> handlers.slowStarted() == 1
                && connector.queued("slow") == InProcessChannelsProfile.RECEIVE_MAXIMUM - 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(
                () -> connector.queued("slow") <= InProcessChannelsProfile.RECEIVE_MAXIMUM);
        assertThat(sent).as("no PUBACK before the handler has processed the message").noneMatch(CompletableFuture::isDone);

        handlers.openSlowGate();

        publishing.join();
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream().allMatch(CompletableFuture::isDone));
        assertThat(sent).allMatch(future -> !future.isCompletedExceptionally());
        assertThat(handlers.slowDone()).isEqualTo(total);
        publisher.disconnect().join();
    }

    private static List<String> ofRun(List<String> payloads, String run) {
        return payloads.stream().filter(p -> p.startsWith(run)).toList();
    }
}
