package io.autoresponder.connector.mqtt.flow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.connector.mqtt.flow.BurstUnderFlowControlTest.Requester;
import io.autoresponder.support.HealthPaths;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.Mosquitto;
import io.autoresponder.support.brokers.ProxiedMosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.brokers.TcpProxy;

/**
 * A stall is never silent: when the responder's connection stops completing requests (here: the path to the
 * broker drops what the responder sends, without closing, as a dead NAT entry does), the channel's watchdog
 * turns readiness DOWN with the reason, counts it in {@code autoresponder_channel_stalls_total}, logs one WARN
 * and reconnects; the broker sends the unacknowledged request again to the persistent session, it is answered,
 * and readiness is UP again.
 */
@QuarkusTest
@TestProfile(StallWatchdogTest.PersistentSessionThroughAProxy.class)
@ExtendWith(RequiresMosquitto.class)
class StallWatchdogTest {

    private static final String STALLS = "autoresponder_channel_stalls_total{channel=\"test\"}";

    /** A persistent session (so the broker keeps the request), a short stall timeout, keep-alive far beyond it. */
    public static class PersistentSessionThroughAProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            String connector = "mp.messaging.connector.autoresponder-mqtt.";
            return Map.of(
                    connector + "client-id", "stall-watchdog-test",
                    connector + "clean-start", "false",
                    connector + "session-expiry-interval", "300",
                    connector + "keep-alive", "600",
                    connector + "stall-timeout", "1s",
                    connector + "reconnect-initial-delay", "200ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedMosquittoBroker.class));
        }
    }

    @ProxiedMosquittoBroker.Proxied
    TcpProxy proxy;

    @ProxiedMosquittoBroker.Proxied
    Mosquitto mosquitto;

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger("io.autoresponder").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("io.autoresponder").removeHandler(capture);
    }

    @Test
    void aConnectionThatStopsCompletingRequestsIsReportedAndReplacedWithoutLosingTheRequest() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get(HealthPaths.READY).then().statusCode(200));
        try (Requester requester = new Requester(mosquitto.port(), 1)) {
            requester.sendAtOnce(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> requester.answered() == 1);
            double stallsBefore = PrometheusText.sample(STALLS);
            int connectionsBefore = proxy.connectionsAccepted();

            proxy.blackHoleUpstream();
            requester.sendAtOnce(1);

            await("readiness DOWN with the reason").atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                    .get(HealthPaths.READY).then().statusCode(503).body(containsString("stalled: 1 requests pending")));
            assertThat(PrometheusText.sample(STALLS)).as("stalls counted").isEqualTo(stallsBefore + 1);
            assertThat(warnings).as("WARN lines about the stall")
                    .filteredOn(record -> String.valueOf(record.getMessage()).contains("stall")
                            || formatted(record).contains("stalled"))
                    .hasSize(1);

            await("the request answered after the reconnect").atMost(Duration.ofSeconds(30))
                    .until(() -> requester.answered() == 2);
            await("readiness UP again").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get(HealthPaths.READY).then().statusCode(200));
            assertThat(proxy.connectionsAccepted()).as("connections through the proxy").isGreaterThan(connectionsBefore);
            // At most the requests in flight at the stall (here one) are answered twice: the resent reply and the
            // answer to the redelivered request.
            assertThat(requester.answers().get(1).get()).as("answers to the stalled request").isBetween(1, 2);

            requester.sendAtOnce(1);
            await("the next request answered").atMost(Duration.ofSeconds(10)).until(() -> requester.answered() == 3);
            assertThat(PrometheusText.sample(STALLS)).as("no further stall").isEqualTo(stallsBefore + 1);
        }
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = String.valueOf(record.getMessage());
        return parameters == null ? message : message + " " + List.of(parameters);
    }
}
