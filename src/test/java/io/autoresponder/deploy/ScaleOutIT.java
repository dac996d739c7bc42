package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.autoresponder.support.Measurements;
import io.autoresponder.support.ReplyLedger;
import io.autoresponder.support.RequestStream;
import io.autoresponder.support.ServiceProcess;
import io.autoresponder.support.brokers.ExternalBroker;
import io.autoresponder.support.brokers.Mosquitto;
import io.autoresponder.support.brokers.RequiresMosquitto;

/**
 * N instances of the packaged service share the requests through one shared subscription
 * ({@code $share/responders/test}), as N replicas in Kubernetes do, configured through environment variables as
 * the Helm chart configures them (our connector, autoresponder-mqtt): every request is answered exactly once, and every instance answers a fair share
 * (its own {@code autoresponder_requests_received_total}).
 */
@ExtendWith(RequiresMosquitto.class)
class ScaleOutIT {

    static final int REQUESTS = 6_000;
    private static final String SHARED_TOPIC = "$share/responders/test";
    // A fair share is at least 60% of an even split: 20% each of 3 instances, 30% each of 2.
    private static final double FAIR = 0.6;

    ExternalBroker broker;

    @TempDir
    Path journals;
    private final List<ServiceProcess> instances = new ArrayList<>();

    @BeforeEach
    void startBroker() {
        broker = newBroker();
    }

    /** The broker: Mosquitto with raised limits and persistence. */
    ExternalBroker newBroker() {
        return Mosquitto.start();
    }

    /**
     * Whether the broker runs with its default settings (10 to 20 in flight and about 1,000 queued per client): then
     * the stream is 250 requests a second, which such a broker passes on without dropping any.
     */
    boolean brokerDefaults() {
        return false;
    }

    /** The request stream: {@code perMillisecond} requests every millisecond on a tuned broker. */
    private RequestStream stream(Mqtt5AsyncClient requester, ReplyLedger ledger, int perMillisecond) {
        return brokerDefaults() ? new RequestStream(requester, ledger, REQUESTS, 1, Duration.ofMillis(4))
                : new RequestStream(requester, ledger, REQUESTS, perMillisecond, Duration.ofMillis(1));
    }

    @AfterEach
    void stopEverything() {
        instances.forEach(ServiceProcess::close);
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "{0} instances")
    @ValueSource(ints = { 2, 3 })
    void everyRequestIsAnsweredExactlyOnceAndEveryInstanceTakesItsShare(int count) {
        for (int i = 1; i <= count; i++) {
            instances.add(ServiceProcess.start("scale-" + count + "-" + i, Map.of(), environment(i)));
        }
        instances.forEach(ServiceProcess::awaitReady);

        String run = UUID.randomUUID().toString();
        ReplyLedger ledger = new ReplyLedger(run);
        Mqtt5AsyncClient requester = MqttClient.builder().useMqttVersion5().identifier("requester-" + run)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        requester.connect().join();
        try {
            requester.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(publish -> ledger.onReply(publish.getPayloadAsBytes())).send().join();
            long startedAt = System.nanoTime();
            int accepted;
            try (RequestStream stream = stream(requester, ledger, 10)) {
                accepted = stream.awaitAllAccepted(Duration.ofSeconds(60));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ledger.answered())
                    .as("requests answered: " + ledger.summary(accepted))
                    .isEqualTo(accepted));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);

            List<Long> shares = instances.stream().map(ServiceProcess::requestsReceived).toList();
            Measurements.record(connector() + " scale-out (" + count + " instances, " + SHARED_TOPIC + "): "
                    + ledger.summary(accepted) + " per_instance=" + shares + " took_ms=" + millis);
            assertThat(ledger.duplicates()).as("duplicate replies").isZero();
            assertThat(shares.stream().mapToLong(Long::longValue).sum()).as("requests taken by all instances")
                    .isEqualTo(accepted);
            long fairShare = (long) (FAIR * accepted / count);
            assertThat(shares).as("requests per instance, each at least " + fairShare)
                    .allSatisfy(share -> assertThat(share).isGreaterThanOrEqualTo(fairShare));
        } finally {
            requester.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
        }
    }

    @Test
    void aReplicaReplacedMidStreamLosesNothing() {
        ServiceProcess leaving = ServiceProcess.start("rolling-a", Map.of(), environment(1));
        instances.add(leaving);
        instances.add(ServiceProcess.start("rolling-b", Map.of(), environment(2)));
        instances.forEach(ServiceProcess::awaitReady);

        String run = UUID.randomUUID().toString();
        ReplyLedger ledger = new ReplyLedger(run);
        Mqtt5AsyncClient requester = MqttClient.builder().useMqttVersion5().identifier("requester-" + run)
                .serverHost("127.0.0.1").serverPort(broker.port()).buildAsync();
        requester.connect().join();
        try {
            requester.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE)
                    .callback(publish -> ledger.onReply(publish.getPayloadAsBytes())).send().join();
            int accepted;
            // As in a rolling update: one replica is stopped mid-stream and a new one (new client id) starts.
            try (RequestStream stream = stream(requester, ledger, 3)) {
                await("the stream is under way").atMost(Duration.ofSeconds(30))
                        .until(() -> stream.published() >= REQUESTS / 3);
                leaving.stopGracefully();
                instances.add(ServiceProcess.start("rolling-c", Map.of(), environment(3)).awaitReady());
                accepted = stream.awaitAllAccepted(Duration.ofSeconds(60));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ledger.answered())
                    .as("requests answered: " + ledger.summary(accepted))
                    .isEqualTo(accepted));

            Measurements.record(connector() + " rolling replacement (2 instances, one stopped with SIGTERM mid-stream, a new one "
                    + "started, clean sessions): " + ledger.summary(accepted));
            assertThat(ledger.duplicates()).as("duplicate replies").isZero();
            assertThat(leaving.log()).contains("unsubscribed").contains("Disconnected from the broker");
        } finally {
            requester.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
        }
    }

    private String connector() {
        return environment(0).get("AUTORESPONDER_RESPONDER_CONNECTOR");
    }

    // The environment the Helm chart gives each replica in external mode (autoresponder-mqtt, the default
    // connector there): its own client id (the pod name) and duplicate journal (an emptyDir per pod).
    Map<String, String> environment(int instance) {
        return Map.of(
                "AUTORESPONDER_BROKER_ENABLED", "false",
                "AUTORESPONDER_RESPONDER_CONNECTOR", "autoresponder-mqtt",
                "MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_HOST", "127.0.0.1",
                "MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_PORT", Integer.toString(broker.port()),
                "MP_MESSAGING_INCOMING_TEST_TOPIC", SHARED_TOPIC,
                "MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_CLIENT_ID", "responder-" + instance + "-" + UUID.randomUUID(),
                "MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_DUPLICATE_JOURNAL", journals.resolve("pod-" + instance).toString());
    }
}
