package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Json;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * MQTT 5 request/response (MQTT 5.0 section 4.10): a request carrying a response topic is answered on that topic
 * with the request's correlation data, not on the channel's reply topic {@code other}. Here on the embedded broker
 * and the in-process connector; {@code RequestResponseOnMqttConnectorTest} runs the same against Mosquitto.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class RequestResponseTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    @Test
    void replyGoesToTheResponseTopicWithTheRequestsCorrelationData() {
        String run = UUID.randomUUID().toString();
        Mqtt5AsyncClient client = connect();
        Queue<Mqtt5Publish> answers = new ConcurrentLinkedQueue<>();
        Queue<Mqtt5Publish> onOther = new ConcurrentLinkedQueue<>();
        try {
            client.subscribeWith().topicFilter("rr/" + run + "/answers").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(answers::add).send().join();
            client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).callback(onOther::add).send().join();

            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).responseTopic("rr/" + run + "/answers")
                    .correlationData(utf8("corr-" + run)).payload(request(run + "-rr")).send().join();
            // A request without a response topic, answered on "other": once it is there, so would be a stray reply.
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(request(run + "-plain")).send().join();

            await().atMost(TIMEOUT).until(() -> ids(onOther).contains(run + "-plain") && !answers.isEmpty());
            Mqtt5Publish answer = answers.peek();
            assertThat(Json.parse(answer.getPayloadAsBytes()).path("id").asText()).isEqualTo(run + "-rr");
            assertThat(answer.getCorrelationData().map(RequestResponseTest::text)).hasValue("corr-" + run);
            assertThat(ids(answers)).containsExactly(run + "-rr");
            assertThat(ids(onOther)).doesNotContain(run + "-rr");
            assertThat(onOther.stream().filter(p -> ids(List.of(p)).contains(run + "-plain")).findFirst().orElseThrow()
                    .getCorrelationData()).as("no correlation data where the request had none").isEmpty();
        } finally {
            client.disconnect().join();
        }
    }

    @Test
    void concurrentRequestersEachGetOnlyTheirOwnReplies() {
        int requesters = 4;
        int perRequester = 50;
        String run = UUID.randomUUID().toString();
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        List<Queue<Mqtt5Publish>> received = new ArrayList<>();
        try {
            for (int r = 0; r < requesters; r++) {
                Mqtt5AsyncClient client = connect();
                Queue<Mqtt5Publish> mine = new ConcurrentLinkedQueue<>();
                client.subscribeWith().topicFilter("rr/" + run + "/" + r).qos(MqttQos.AT_LEAST_ONCE)
                        .callback(mine::add).send().join();
                clients.add(client);
                received.add(mine);
            }
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int n = 0; n < perRequester; n++) {
                for (int r = 0; r < requesters; r++) {
                    sent.add(clients.get(r).publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE)
                            .responseTopic("rr/" + run + "/" + r).correlationData(utf8(r + ":" + n))
                            .payload(request(r + ":" + n)).send());
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();

            await().atMost(TIMEOUT).until(() -> received.stream().mapToInt(Queue::size).sum() >= requesters * perRequester);
            for (int r = 0; r < requesters; r++) {
                int requester = r;
                Set<String> expected = IntStream.range(0, perRequester).mapToObj(n -> requester + ":" + n)
                        .collect(Collectors.toSet());
                assertThat(received.get(r)).as("replies of requester %d", r).hasSize(perRequester);
                for (Mqtt5Publish reply : received.get(r)) {
                    String id = Json.parse(reply.getPayloadAsBytes()).path("id").asText();
                    assertThat(reply.getCorrelationData().map(RequestResponseTest::text)).hasValue(id);
                }
                assertThat(ids(received.get(r))).containsExactlyInAnyOrderElementsOf(expected);
            }
        } finally {
            clients.forEach(client -> client.disconnect().join());
        }
    }

    Mqtt5AsyncClient connect() {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("rr-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        client.connect().join();
        return client;
    }

    static byte[] request(String id) {
        return Json.bytes("{\"talk\":\"ping\",\"name\":\"rr\",\"id\":\"" + id + "\"}");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(java.nio.ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

    static List<String> ids(java.util.Collection<Mqtt5Publish> replies) {
        return replies.stream().map(p -> Json.parse(p.getPayloadAsBytes()).path("id").asText()).toList();
    }
}
