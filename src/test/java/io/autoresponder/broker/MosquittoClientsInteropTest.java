package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Json;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.brokers.MosquittoClients;
import io.autoresponder.support.brokers.MosquittoClients.Subscriber;
import io.autoresponder.support.brokers.RequiresMosquittoClients;

/**
 * Interoperability with Debian's {@code mosquitto_pub} and {@code mosquitto_sub} (libmosquitto, an MQTT client
 * written independently of this broker), over TCP to the embedded broker, with MQTT 3.1.1 and MQTT 5. Messages
 * are printed by {@code mosquitto_sub -F} after a {@code MSG|} marker, apart from its debug lines.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
@ExtendWith(RequiresMosquittoClients.class)
class MosquittoClientsInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    static Stream<Arguments> versionsAndQos() {
        return Stream.of("mqttv311", "mqttv5")
                .flatMap(version -> Stream.of(0, 1, 2).map(qos -> Arguments.of(version, qos)));
    }

    @ParameterizedTest(name = "{0}: a QoS {1} request on ''test'' is answered on ''other''")
    @MethodSource("versionsAndQos")
    void requestIsAnsweredByTheResponder(String version, int qos) {
        String id = "interop-" + UUID.randomUUID();
        try (Subscriber replies = MosquittoClients.subscribe(port, "-V", version, "-q", "1", "-t", "other",
                "-F", "MSG|%t|%p")) {
            String flow = MosquittoClients.publish(port, "-V", version, "-q", Integer.toString(qos), "-t", "test",
                    "-m", "{\"talk\":\"over the wire\",\"name\":\"mosquitto\",\"id\":\"" + id + "\"}");

            // The publisher's own log shows the QoS flow the broker completed with it (MQTT 5.0 section 4.3).
            switch (qos) {
                case 1 -> assertThat(flow).contains("received PUBACK");
                case 2 -> assertThat(flow).contains("received PUBREC").contains("sending PUBREL")
                        .contains("received PUBCOMP");
                default -> assertThat(flow).doesNotContain("PUBACK").doesNotContain("PUBREC");
            }
            String[] reply = replies.awaitLine(line -> line.startsWith("MSG|") && line.contains(id), TIMEOUT)
                    .split("\\|", 3);
            assertThat(reply[1]).isEqualTo("other");
            JsonNode body = Json.parse(reply[2].getBytes(StandardCharsets.UTF_8));
            assertThat(body.path("reply").asText()).isEqualTo("Hello mosquitto, you said: over the wire");
            assertThat(body.path("id").asText()).isEqualTo(id);
        }
    }

    // [MQTT-4.3.3-2]: QoS 2 from broker to client, with the client's PUBREC/PUBCOMP exchange, delivered once.
    @ParameterizedTest(name = "{0}: QoS 2 delivery to mosquitto_sub completes with PUBCOMP, once")
    @ValueSource(strings = { "mqttv311", "mqttv5" })
    void qos2IsDeliveredExactlyOnceToMosquittoSub(String version) {
        String topic = "interop/qos2/" + UUID.randomUUID();
        try (Subscriber subscriber = MosquittoClients.subscribe(port, "-V", version, "-q", "2", "-t", topic,
                "-F", "MSG|%q|%p")) {
            MosquittoClients.publish(port, "-V", version, "-q", "2", "-t", topic, "-m", "exactly once");

            assertThat(subscriber.awaitLine(line -> line.startsWith("MSG|"), TIMEOUT)).isEqualTo("MSG|2|exactly once");
            subscriber.awaitLine(line -> line.contains("sending PUBCOMP"), TIMEOUT);
            assertThat(subscriber.matching(line -> line.startsWith("MSG|"))).hasSize(1);
        }
    }

    // [MQTT-3.3.1-6]: a new subscription gets the retained message, flagged retained [MQTT-3.3.1-8].
    @ParameterizedTest(name = "{0}: a retained message reaches a later mosquitto_sub")
    @ValueSource(strings = { "mqttv311", "mqttv5" })
    void retainedMessageReachesALateSubscriber(String version) {
        String topic = "interop/retained/" + UUID.randomUUID();
        MosquittoClients.publish(port, "-V", version, "-q", "1", "-r", "-t", topic, "-m", "kept for later");
        try {
            try (Subscriber late = MosquittoClients.subscribe(port, "-V", version, "-t", topic, "-v")) {
                assertThat(late.awaitLine(line -> line.startsWith(topic + " "), TIMEOUT)).isEqualTo(topic + " kept for later");
            }
            try (Subscriber late = MosquittoClients.subscribe(port, "-V", version, "-t", topic, "-F", "MSG|%r|%p")) {
                assertThat(late.awaitLine(line -> line.startsWith("MSG|"), TIMEOUT)).isEqualTo("MSG|1|kept for later");
            }
        } finally {
            // An empty retained message clears it [MQTT-3.3.1-10].
            MosquittoClients.publish(port, "-V", version, "-q", "1", "-r", "-n", "-t", topic);
        }
    }

    // [MQTT-3.1.2-8]: killed with SIGKILL, the client sends no DISCONNECT, so the broker publishes its will.
    @ParameterizedTest(name = "{0}: the will of a mosquitto_sub killed with SIGKILL is published")
    @ValueSource(strings = { "mqttv311", "mqttv5" })
    void willIsPublishedWhenMosquittoSubIsKilled(String version) {
        String willTopic = "interop/will/" + UUID.randomUUID();
        try (Subscriber watcher = MosquittoClients.subscribe(port, "-V", version, "-q", "1", "-t", willTopic, "-v");
                Subscriber victim = MosquittoClients.subscribe(port, "-V", version, "-t", "interop/idle",
                        "--will-topic", willTopic, "--will-payload", "gone", "--will-qos", "1")) {
            victim.kill();

            assertThat(watcher.awaitLine(line -> line.startsWith(willTopic + " "), TIMEOUT)).isEqualTo(willTopic + " gone");
        }
    }

    // [MQTT-3.14.4-3]: after its DISCONNECT (here on -C 1, after one message) the will is discarded.
    @Test
    void willIsDiscardedWhenMosquittoSubDisconnectsNormally() {
        String willTopic = "interop/will/" + UUID.randomUUID();
        String trigger = "interop/trigger/" + UUID.randomUUID();
        try (Subscriber watcher = MosquittoClients.subscribe(port, "-q", "1", "-t", willTopic, "-t", trigger, "-v");
                Subscriber leaving = MosquittoClients.subscribe(port, "-t", trigger, "-C", "1",
                        "--will-topic", willTopic, "--will-payload", "gone")) {
            MosquittoClients.publish(port, "-q", "1", "-t", trigger, "-m", "leave");
            leaving.awaitLine(line -> line.contains("sending DISCONNECT"), TIMEOUT);

            // The trigger went to the watcher too; a will would come after it on the same connection.
            watcher.awaitLine(line -> line.equals(trigger + " leave"), TIMEOUT);
            MosquittoClients.publish(port, "-q", "1", "-t", trigger, "-m", "marker");
            watcher.awaitLine(line -> line.equals(trigger + " marker"), TIMEOUT);
            assertThat(watcher.lines()).noneMatch(line -> line.startsWith(willTopic + " "));
        }
    }

    // MQTT 5.0 section 4.10: the reply goes to the request's response topic with its correlation data.
    @Test
    void mqtt5RequestWithResponseTopicIsAnsweredThereWithItsCorrelationData() {
        String run = UUID.randomUUID().toString();
        String responseTopic = "interop/answers/" + run;
        try (Subscriber answers = MosquittoClients.subscribe(port, "-V", "mqttv5", "-q", "1", "-t", responseTopic,
                "-F", "MSG|%t|%D|%p")) {
            MosquittoClients.publish(port, "-V", "mqttv5", "-q", "1", "-t", "test",
                    "-D", "publish", "response-topic", responseTopic,
                    "-D", "publish", "correlation-data", "corr-" + run,
                    "-D", "publish", "user-property", "trace", run,
                    "-m", "{\"talk\":\"where to?\",\"name\":\"mosquitto\",\"id\":\"" + run + "\"}");

            String[] answer = answers.awaitLine(line -> line.startsWith("MSG|"), TIMEOUT).split("\\|", 4);
            assertThat(answer[1]).isEqualTo(responseTopic);
            assertThat(answer[2]).isEqualTo("corr-" + run);
            assertThat(Json.parse(answer[3].getBytes(StandardCharsets.UTF_8)).path("id").asText()).isEqualTo(run);
        }
    }

    // MQTT 5.0 section 3.3.2.3: the broker forwards these properties unchanged, user properties in order
    // [MQTT-3.3.2-17, MQTT-3.3.2-18], the message expiry as what is left of it [MQTT-3.3.2-6].
    @Test
    void mqtt5PublishPropertiesReachTheSubscriberUnchanged() {
        String topic = "interop/properties/" + UUID.randomUUID();
        try (Subscriber subscriber = MosquittoClients.subscribe(port, "-V", "mqttv5", "-q", "1", "-t", topic,
                "-F", "MSG|%t|%R|%D|%C|%F|%E|%P|%p")) {
            MosquittoClients.publish(port, "-V", "mqttv5", "-q", "1", "-t", topic,
                    "-D", "publish", "response-topic", "interop/reply-here",
                    "-D", "publish", "correlation-data", "c-42",
                    "-D", "publish", "content-type", "text/plain",
                    "-D", "publish", "payload-format-indicator", "1",
                    "-D", "publish", "message-expiry-interval", "3600",
                    "-D", "publish", "user-property", "first", "1",
                    "-D", "publish", "user-property", "second", "2",
                    "-D", "publish", "user-property", "first", "again",
                    "-m", "héllo");

            String[] fields = subscriber.awaitLine(line -> line.startsWith("MSG|"), TIMEOUT).split("\\|", 9);
            assertThat(fields[1]).isEqualTo(topic);
            assertThat(fields[2]).isEqualTo("interop/reply-here");
            assertThat(fields[3]).isEqualTo("c-42");
            assertThat(fields[4]).isEqualTo("text/plain");
            assertThat(fields[5]).isEqualTo("1");
            assertThat(Integer.parseInt(fields[6])).isBetween(3500, 3600);
            assertThat(fields[7]).isEqualTo("first:1 second:2 first:again");
            assertThat(fields[8]).isEqualTo("héllo");
        }
    }

    // MQTT 5.0 section 3.3.2.3.4: mosquitto_pub sends the topic with alias 1 once, then only the alias.
    @Test
    void mqtt5TopicAliasFromMosquittoPubIsResolved() {
        String topic = "interop/alias/" + UUID.randomUUID();
        try (Subscriber subscriber = MosquittoClients.subscribe(port, "-V", "mqttv5", "-q", "1", "-t", topic,
                "-F", "MSG|%t|%p")) {
            String flow = MosquittoClients.publish(port, "-V", "mqttv5", "-q", "1", "-t", topic,
                    "-D", "publish", "topic-alias", "1", "--repeat", "3", "-m", "aliased");

            assertThat(flow).as("the repeats went out with an empty topic name").contains("'(null)'");
            assertThat(flow.lines().filter(line -> line.contains("received PUBACK"))).hasSize(3);
            assertThat(subscriber.awaitLines(line -> line.startsWith("MSG|"), 3, TIMEOUT))
                    .containsOnly("MSG|" + topic + "|aliased");
        }
    }

    // An MQTT 3.1.1 subscriber gets the application message of an MQTT 5 publisher, without the properties.
    @Test
    void mqtt5PublishReachesAnMqtt311Subscriber() {
        String topic = "interop/mixed/" + UUID.randomUUID();
        try (Subscriber subscriber = MosquittoClients.subscribe(port, "-V", "mqttv311", "-q", "1", "-t", topic, "-v")) {
            MosquittoClients.publish(port, "-V", "mqttv5", "-q", "1", "-t", topic,
                    "-D", "publish", "user-property", "dropped", "for 3.1.1", "-m", "across versions");

            assertThat(subscriber.awaitLine(line -> line.startsWith(topic + " "), TIMEOUT))
                    .isEqualTo(topic + " across versions");
        }
    }
}
