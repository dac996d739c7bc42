package io.autoresponder.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.autoresponder.support.Measurements;
import io.autoresponder.support.ReplyLedger;
import io.autoresponder.support.RequestStream;
import io.autoresponder.support.Requester;
import io.autoresponder.support.ServiceProcess;
import io.autoresponder.support.brokers.ExternalBroker;
import io.autoresponder.support.brokers.Mosquitto;
import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;

/**
 * {@link ServiceRestartIT} with the responder on our MQTT 5 connector (autoresponder-mqtt, the default of external
 * mode) and a persistent session (fixed client id, no clean start, session expiry): the packaged service is
 * stopped or killed (kill -9) in the middle of a stream of QoS 1 requests and started again. Nothing is lost
 * either way, because a request is acknowledged to the broker only after its reply was (MQTT 5.0 section 4.4: the
 * broker sends unacknowledged requests again when the session resumes). Each request carries a key ({@code id} +
 * {@code seq}), and the journal of answered requests ({@code duplicate-journal}) tells the restarted service which
 * redelivered requests were answered already. What no journal can cover after a kill -9 is a reply the broker
 * had accepted (and passed on) before the killed process saw its PUBACK: at most the replies in flight, which the
 * outgoing channel's {@code max-inflight} bounds; the kill test sets it low and holds the service to that bound.
 */
@ExtendWith(RequiresMosquitto.class)
class MqttConnectorServiceRestartIT {

    private static final int REQUESTS = 3_000;
    // Replies published and not yet acknowledged by the broker: the most a kill -9 can have answered unrecorded.
    private static final int REPLIES_IN_FLIGHT = 16;

    private ExternalBroker broker;
    private Requester run;
    private Mqtt5AsyncClient requester;
    private ReplyLedger ledger;
    private String clientId;

    @TempDir
    Path journal;

    @BeforeEach
    void startBrokerAndRequester() {
        broker = newBroker();
        run = Requester.on(broker.port());
        requester = run.client();
        ledger = run.ledger();
        clientId = run.responderClientId();
    }

    @AfterEach
    void stopBrokerAndRequester() {
        if (run != null) {
            run.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void gracefulStopMidStreamLosesNothingAndAnswersNothingTwice() {
        try (ServiceProcess first = service("mqtt-graceful-1").awaitReady();
                RequestStream stream = new RequestStream(requester, ledger, REQUESTS, 1, tick())) {
            awaitPublished(stream, REQUESTS / 3);
            first.stopGracefully();
            assertThat(first.log()).contains("All requests in flight answered");
            if (broker instanceof Mosquitto mosquitto) {
                // HiveMQ CE does not log disconnections at its default level.
                assertThat(mosquitto.log()).as("the service sent DISCONNECT").contains("Client " + clientId + " disconnected.");
            }

            try (ServiceProcess second = service("mqtt-graceful-2").awaitReady()) {
                int accepted = stream.awaitAllAccepted(Duration.ofSeconds(30));
                awaitAllAnswered(accepted);
                Measurements.record("service restart, autoresponder-mqtt (SIGTERM mid-stream): " + ledger.summary(accepted));
                assertThat(ledger.duplicates()).as("duplicate replies").isZero();
            }
        }
    }

    @RepeatedTest(value = 3, name = "run {currentRepetition} of {totalRepetitions}")
    void killedMidStreamLosesNothingAndAnswersAtMostTheRepliesInFlightTwice() {
        try (ServiceProcess first = service("mqtt-kill-1", REPLIES_IN_FLIGHT).awaitReady();
                RequestStream stream = new RequestStream(requester, ledger, REQUESTS, 1, tick())) {
            awaitPublished(stream, REQUESTS / 3);
            // Killed while answering, not before its first answer: the restart must tell answered from unanswered.
            await("the first instance answers").atMost(Duration.ofSeconds(30)).until(() -> ledger.answered() >= 100);
            first.kill();
            int answeredAtKill = ledger.answered();

            try (ServiceProcess second = service("mqtt-kill-2", REPLIES_IN_FLIGHT).awaitReady()) {
                int accepted = stream.awaitAllAccepted(Duration.ofSeconds(30));
                awaitAllAnswered(accepted);
                Measurements.record("service restart, autoresponder-mqtt with duplicate journal (SIGKILL mid-stream): "
                        + ledger.summary(accepted) + ", answered when killed=" + answeredAtKill + ", journal at start="
                        + journaledAtStart(second) + ", redelivered and recognised="
                        + (long) second.metric("autoresponder_channel_duplicates_total{channel=\"test\"}"));
                assertThat(ledger.duplicates()).as("duplicate replies").isLessThanOrEqualTo(REPLIES_IN_FLIGHT);
            }
        }
    }

    /** The broker: Mosquitto with raised limits and persistence. */
    ExternalBroker newBroker() {
        return Mosquitto.start();
    }

    /** One request every tick: 3,000 a second, less than one responder answers on this broker. */
    Duration tick() {
        return Duration.ofNanos(333_333);
    }

    private ServiceProcess service(String name) {
        return service(name, 1024);
    }

    private ServiceProcess service(String name, int repliesInFlight) {
        Map<String, String> config = new HashMap<>(MosquittoBroker.externalMode(broker.port()));
        config.put("mp.messaging.outgoing.other.max-inflight", Integer.toString(repliesInFlight));
        String prefix = "mp.messaging.connector.autoresponder-mqtt.";
        config.put(prefix + "duplicate-journal", journal.toString());
        config.put(prefix + "client-id", clientId);
        config.put(prefix + "clean-start", "false");
        config.put(prefix + "session-expiry-interval", "600");
        return ServiceProcess.start(name, config);
    }

    /** How many answered requests the service read from its journal at start (its log says). */
    private static String journaledAtStart(ServiceProcess service) {
        java.util.regex.Matcher loaded = java.util.regex.Pattern.compile("remembers answered requests in .* \\((\\d+) from")
                .matcher(service.log());
        return loaded.find() ? loaded.group(1) : "?";
    }

    private static void awaitPublished(RequestStream stream, int count) {
        await("the stream is under way").atMost(Duration.ofSeconds(30)).until(() -> stream.published() >= count);
    }

    private void awaitAllAnswered(int accepted) {
        await("every accepted request answered").atMost(Duration.ofSeconds(60))
                .until(() -> ledger.answered() == accepted);
    }
}
