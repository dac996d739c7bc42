package io.autoresponder.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Json;
import io.autoresponder.support.Mqtt;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.Replies;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * Every metric the chart's Grafana dashboard and alert rules read exists in {@code /q/metrics} of the running
 * service after real traffic over MQTT: a request answered, a payload dead-lettered, a CONNECT refused, a
 * malformed packet. Names come from the chart as {@code helm template} renders it (the dashboard's ConfigMap, the
 * PrometheusRule), so a query misspelt there, or a meter renamed in the code, fails this test.
 *
 * <p>Embedded broker with persistence on (the store's meters) and the responder on the in-process connector;
 * {@link DashboardMetricsOnMqttConnectorTest} runs the same with our MQTT connector, whose channel meters differ.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
@TestProfile(DashboardMetricsTest.WithPersistence.class)
class DashboardMetricsTest {

    /** Names read by the queries that no scrape of the service carries, and why. */
    static final Map<String, String> NOT_FROM_THE_SERVICE = Map.of(
            "up", "Prometheus' own series for each scrape target: 0 when /q/metrics could not be scraped");

    /** The embedded broker keeps its store in a fresh directory, so the store's meters exist. */
    public static class WithPersistence implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.broker.persistence.directory", temporaryDirectory());
        }

        static String temporaryDirectory() {
            try {
                return Files.createTempDirectory("dashboard-metrics").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    /**
     * Meters only the other responder connector registers: each is checked by the test class that runs it. The
     * in-process connector never stalls nor sees duplicates (it has no connection to lose nor redelivery).
     */
    Map<String, String> metersOfTheOtherConnector() {
        return Map.of("autoresponder_channel_duplicates_total", "our MQTT connector's duplicate detection",
                "autoresponder_channel_journal_failures_total", "our MQTT connector's duplicate journal",
                "autoresponder_channel_stalls_total", "our MQTT connector's stall watch");
    }

    @BeforeEach
    void ready() {
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
        // Micrometer registers the GC pause timer the dashboard reads at the JVM's first collection; a service
        // that has just started may not have had one, so one is asked for (the test runs in the service's JVM).
        System.gc();
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().when().get("/q/metrics").asString())
                .contains("jvm_gc_pause_seconds_count"));
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsReadIsServedAfterTraffic() throws Exception {
        sendTraffic();
        RenderedChart chart = ShippedQueries.render();
        List<ShippedQueries.Query> queries = new java.util.ArrayList<>(
                ShippedQueries.dashboardQueries(ShippedQueries.dashboard(chart)));
        queries.addAll(ShippedQueries.ruleQueries(chart));
        Map<String, Set<String>> used = ShippedQueries.namesUsed(queries);

        for (ShippedQueries.Query query : queries) {
            assertThat(PromQlNames.of(query.expr())).as("metric names in %s: %s", query.where(), query.expr())
                    .isNotEmpty();
        }
        assertThat(used).as("names the dashboard and alerts read").containsKeys("autoresponder_ready",
                "autoresponder_requests_received_total", "autoresponder_handling_time_seconds_bucket",
                "autoresponder_broker_queued_bytes_max", "autoresponder_broker_connections_accepted_total", "up");
        assertThat(used.keySet()).as("exclusions still in use").containsAll(NOT_FROM_THE_SERVICE.keySet())
                .containsAll(metersOfTheOtherConnector().keySet());
        assertThat(missing(used, scrapedNames())).as("read by the dashboard or an alert, not in /q/metrics")
                .isEmpty();
    }

    @Test
    void aMisspeltNameInTheDashboardIsFound() throws Exception {
        JsonNode dashboard = ShippedQueries.dashboard(ShippedQueries.render());
        String misspelt = dashboard.toString().replace("autoresponder_replies_sent_total",
                "autoresponder_replies_send_total");
        Map<String, Set<String>> used = ShippedQueries.namesUsed(
                ShippedQueries.dashboardQueries(new ObjectMapper().readTree(misspelt)));

        assertThat(missing(used, scrapedNames())).containsOnlyKeys("autoresponder_replies_send_total");
    }

    /** Names read but not served, with the queries that read them; the documented exclusions left out. */
    private Map<String, Set<String>> missing(Map<String, Set<String>> used, Set<String> scraped) {
        Map<String, Set<String>> missing = new TreeMap<>(used);
        missing.keySet().removeAll(scraped);
        missing.keySet().removeAll(NOT_FROM_THE_SERVICE.keySet());
        missing.keySet().removeAll(metersOfTheOtherConnector().keySet());
        return missing;
    }

    /**
     * The sample names of one scrape (histograms as their _bucket, _count and _sum series, as Prometheus stores
     * them), each with a value: the meter exists.
     */
    static Set<String> scrapedNames() {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> names = new TreeSet<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Requests answered and dead-lettered, a CONNECT refused, a malformed packet; the service ready again. */
    private void sendTraffic() throws Exception {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other/#").qos(MqttQos.AT_LEAST_ONCE).send();
            String id = UUID.randomUUID().toString();
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Json.bytes("{\"talk\":\"t\",\"name\":\"n\",\"id\":\"" + id + "\"}")).send();
            Replies.replyWithId(publishes, id);
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload("not json".getBytes()).send();
            Replies.await(publishes, "other/errors", letter -> "not_json".equals(letter.path("reason").asText()));
        } finally {
            client.disconnect();
        }
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            // [MQTT-3.1.3-8]: an empty client id without clean session is refused (CONNACK 0x02).
            assertThat(raw.connect("", false)).isEqualTo(0x02);
        }
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.send(new byte[] { 0x00, 0x02, 0x01, 0x02 }); // packet type 0 is reserved [MQTT 3.1.1 2.2.1]
            assertThat(raw.closedByPeer()).isTrue();
        }
        await().atMost(WAIT).until(() -> PrometheusText.sample("autoresponder_ready") == 1
                && PrometheusText.sample("autoresponder_broker_protocol_errors_total{kind=\"malformed_packet\"}") >= 1);
    }
}
