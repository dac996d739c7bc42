package io.autoresponder.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Measurements;
import io.autoresponder.support.ReplyLedger;
import io.autoresponder.support.brokers.Mosquitto;
import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MosquittoProfile;

/**
 * The external broker goes away and comes back: the service notices (readiness DOWN, liveness UP), reconnects
 * with its backoff, subscribes again (readiness UP), and answers every QoS 1 request a persistent-session client
 * published while the broker was down. Both a clean stop (SIGTERM, Mosquitto saves its sessions) and a crash
 * (SIGKILL, Mosquitto restarts from its last autosave) are tried.
 */
@QuarkusTest
@TestProfile(BrokerRestartTest.PersistentSession.class)
@ExtendWith(RequiresMosquitto.class)
class BrokerRestartTest {

    private static final int REQUESTS = 200;
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    /** Own application and broker; the service keeps its session across connections and retries quickly. */
    public static class PersistentSession extends MosquittoProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("mp.messaging.connector.smallrye-mqtt.client-id", "responder-broker-restart");
            config.put("mp.messaging.connector.smallrye-mqtt.auto-clean-session", "false");
            config.put("autoresponder.responder.reconnect.initial-delay", "250ms");
            config.put("autoresponder.responder.reconnect.max-delay", "2s");
            return config;
        }
    }

    enum Outage {
        SIGTERM, SIGKILL
    }

    @MosquittoBroker.Broker
    Mosquitto mosquitto;

    @ParameterizedTest
    @EnumSource(Outage.class)
    void requestsPublishedWhileTheBrokerIsDownAreAllAnsweredAfterItReturns(Outage outage) {
        awaitReady();
        String run = UUID.randomUUID().toString();
        ReplyLedger ledger = new ReplyLedger(run);
        Mqtt5AsyncClient requester = persistentRequester(run, ledger);
        try {
            // A crashed Mosquitto comes back with what it saved last: wait for a save that includes both sessions.
            awaitSavedAfter(Instant.now());

            if (outage == Outage.SIGTERM) {
                mosquitto.stop();
            } else {
                mosquitto.kill();
            }
            await("readiness DOWN once the broker is gone").atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));

            CompletableFuture<?>[] sent = new CompletableFuture<?>[REQUESTS];
            for (int seq = 0; seq < REQUESTS; seq++) {
                sent[seq] = requester.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(ledger.request(seq)).send();
            }
            // The outage lasts OUTAGE at least; throughout, the service is alive but not ready.
            await("the broker stays down").pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).untilAsserted(() -> {
                given().get("/q/health/live").then().statusCode(200);
                given().get("/q/health/ready").then().statusCode(503);
            });
            assertThat(ledger.answered()).as("nothing can be answered without a broker").isZero();

            mosquitto.restart();
            long restartedAt = System.nanoTime();
            awaitReady();
            long reconnectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);

            CompletableFuture.allOf(sent).orTimeout(30, TimeUnit.SECONDS).join();
            await("every request answered").atMost(Duration.ofSeconds(30)).until(() -> ledger.answered() == REQUESTS);
            Measurements.record("broker restart (" + outage + ", down >= " + OUTAGE.toSeconds() + " s): "
                    + ledger.summary(REQUESTS) + " reconnect_ms=" + reconnectMillis);
            assertThat(ledger.duplicates()).as("duplicate replies").isZero();
        } finally {
            requester.disconnect().orTimeout(5, TimeUnit.SECONDS).exceptionally(failure -> null).join();
        }
    }

    private void awaitReady() {
        await("readiness UP").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private void awaitSavedAfter(Instant instant) {
        await("Mosquitto saved its sessions").atMost(Duration.ofSeconds(10)).until(() -> Files
                .exists(mosquitto.persistenceFile())
                && Files.getLastModifiedTime(mosquitto.persistenceFile()).compareTo(FileTime.from(instant)) > 0);
    }

    /**
     * An independent requester with a persistent session that queues its publishes while disconnected and
     * reconnects by itself, as a device would.
     */
    private Mqtt5AsyncClient persistentRequester(String run, ReplyLedger ledger) {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("requester-" + run)
                .serverHost("127.0.0.1").serverPort(mosquitto.port())
                .automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS).maxDelay(500, TimeUnit.MILLISECONDS)
                .applyAutomaticReconnect()
                .buildAsync();
        client.connectWith().cleanStart(false).sessionExpiryInterval(600).send().join();
        client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> ledger.onReply(publish.getPayloadAsBytes())).send().join();
        return client;
    }
}
