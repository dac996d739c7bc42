package io.autoresponder.examples.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult.Mqtt5Qos1Result;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;

import io.autoresponder.testing.EmbeddedBrokerPort;
import io.autoresponder.testing.MqttTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The three handlers over real MQTT against the embedded broker this application brings with the dependency. */
@QuarkusTest
@WithTestResource(EmbeddedBrokerPort.class)
class RoutingTest {

    private static final long TIMEOUT_SECONDS = 10;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    // Async, so that a request that never gets its PUBACK fails the test after a timeout instead of hanging it.
    private Mqtt5AsyncClient client;
    private final BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() throws Exception {
        client = MqttClient.builder().useMqttVersion5().identifier("test-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        client.connect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.publishes(MqttGlobalPublishFilter.ALL, received::add);
    }

    @AfterEach
    void disconnect() throws Exception {
        client.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aCriticalReadingIsRoutedToTheHighAlertsTopicAtQos1WithItsUserProperties() throws Exception {
        subscribe("alerts/#");
        String sensor = "boiler-" + UUID.randomUUID();

        publish(reading(sensor, ReadingRouter.CRITICAL_CELSIUS + 11.5)
                .userProperties(Mqtt5UserProperties.builder().add("site", "plant-2").build()).build());

        Mqtt5Publish alert = next();
        assertThat(alert.getTopic().toString()).isEqualTo("alerts/high");
        assertThat(alert.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE); // subscribed at 2: the QoS is the handler's
        assertThat(userProperties(alert)).containsExactly(Map.entry("sensor", sensor), Map.entry("site", "plant-2"),
                Map.entry("page", "on-call"));
        assertThat(text(alert)).contains("\"sensor\":\"" + sensor + "\"", "\"site\":\"plant-2\"", "\"celsius\":91.5",
                "\"limitCelsius\":80.0");
    }

    @Test
    void aWarmReadingIsRoutedToTheLowAlertsTopicAtQos0() throws Exception {
        subscribe("alerts/#");
        String sensor = "boiler-" + UUID.randomUUID();

        publish(reading(sensor, ReadingRouter.WARNING_CELSIUS + 5).build());

        Mqtt5Publish alert = next();
        assertThat(alert.getTopic().toString()).isEqualTo("alerts/low");
        assertThat(alert.getQos()).isEqualTo(MqttQos.AT_MOST_ONCE);
        assertThat(userProperties(alert)).containsExactly(Map.entry("sensor", sensor)); // no site: none was sent
        assertThat(text(alert)).contains("\"sensor\":\"" + sensor + "\"", "\"celsius\":65.0", "\"limitCelsius\":60.0");
    }

    // No sleep as evidence: the alert of a reading published after the normal one is the first thing that arrives.
    @Test
    void aNormalReadingRaisesNoAlertAndIsStillAcknowledged() throws Exception {
        subscribe("alerts/#");
        String normal = "normal-" + UUID.randomUUID();
        String hot = "hot-" + UUID.randomUUID();

        Mqtt5Qos1Result normalAck = publish(reading(normal, ReadingRouter.WARNING_CELSIUS - 40).build());
        publish(reading(hot, ReadingRouter.CRITICAL_CELSIUS + 1).build());

        assertThat(normalAck.getPubAck().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(userProperties(next())).contains(Map.entry("sensor", hot));
    }

    @Test
    void aCalibrationIsAnsweredOnlyAfterTheSensorSettledOnTheResponseTopicAtTheRequestsQos() {
        String sensor = "probe-" + UUID.randomUUID();
        byte[] calibrate = "{\"referenceCelsius\":100.0,\"measuredCelsius\":98.5}".getBytes(StandardCharsets.UTF_8);
        try (MqttTestClient requester = MqttTestClient.connect()) {
            long start = System.nanoTime();
            MqttTestClient.Reply atQos1 = requester.request("sensors/" + sensor + "/calibrate", calibrate,
                    request -> request, MqttTestClient.DEFAULT_TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            MqttTestClient.Reply atQos0 = requester.request("sensors/" + sensor + "/calibrate", calibrate,
                    request -> request.qos(MqttQos.AT_MOST_ONCE), MqttTestClient.DEFAULT_TIMEOUT);

            assertThat(took).isGreaterThanOrEqualTo(Calibration.SETTLE_TIME);
            assertThat(atQos1.text()).isEqualTo("{\"sensor\":\"" + sensor + "\",\"offsetCelsius\":1.5}");
            assertThat(atQos1.contentType()).contains("application/json");
            assertThat(atQos1.qos()).isEqualTo(1);
            assertThat(atQos0.qos()).isEqualTo(0);
        }
    }

    @Test
    void aCalibrationWithoutResponseTopicIsAnsweredOnTheSensorsCalibratedTopic() throws Exception {
        String sensor = "probe-" + UUID.randomUUID();
        subscribe("sensors/" + sensor + "/calibrated");

        publish(Mqtt5Publish.builder().topic("sensors/" + sensor + "/calibrate").qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"referenceCelsius\":0.0,\"measuredCelsius\":0.25}".getBytes(StandardCharsets.UTF_8))
                .build());

        Mqtt5Publish reply = next();
        assertThat(reply.getTopic().toString()).isEqualTo("sensors/" + sensor + "/calibrated");
        assertThat(text(reply)).contains("\"offsetCelsius\":-0.25");
    }

    @Test
    void aGatewayBatchIsSplitOntoEachSensorsReadingsTopicWithTheGatewayAndAcknowledged() throws Exception {
        subscribe("sensors/+/readings");
        String gateway = "gw-" + UUID.randomUUID();
        List<String> sensors = List.of("tank-" + UUID.randomUUID(), "pump-" + UUID.randomUUID(),
                "valve-" + UUID.randomUUID());

        Mqtt5Qos1Result ack = publish(batch(gateway, "{\"sensor\":\"" + sensors.get(0) + "\",\"celsius\":21.0},"
                + "{\"sensor\":\"" + sensors.get(1) + "\",\"celsius\":22.5},"
                + "{\"sensor\":\"" + sensors.get(2) + "\",\"celsius\":23.0}"));

        assertThat(ack.getPubAck().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        List<Mqtt5Publish> split = new ArrayList<>();
        for (int i = 0; i < sensors.size(); i++) {
            split.add(next());
        }
        assertThat(split).extracting(reading -> reading.getTopic().toString()).containsExactlyInAnyOrder(
                "sensors/" + sensors.get(0) + "/readings", "sensors/" + sensors.get(1) + "/readings",
                "sensors/" + sensors.get(2) + "/readings");
        assertThat(split).allSatisfy(reading -> {
            assertThat(userProperties(reading)).containsExactly(Map.entry("gateway", gateway));
            assertThat(reading.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        });
        assertThat(split).filteredOn(reading -> reading.getTopic().toString().contains(sensors.get(1)))
                .extracting(RoutingTest::text).containsExactly("{\"celsius\":22.5}");
    }

    // The proof that the batch waits for its last reading, not its first: only the last one is refused.
    @Test
    void aBatchWhoseLastReadingIsRefusedIsRefusedAndDeadLetteredThoughItsFirstWasSplit() throws Exception {
        subscribe("sensors/+/readings");
        subscribe("other/errors");
        String gateway = "gw-" + UUID.randomUUID();
        String accepted = "tank-" + UUID.randomUUID();

        Mqtt5Publish batch = batch(gateway, "{\"sensor\":\"" + accepted
                + "\",\"celsius\":21.0},{\"sensor\":\"no+topic\",\"celsius\":22.0}");

        assertThatThrownBy(() -> publish(batch)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(Mqtt5PubAckException.class, refused -> assertThat(
                        refused.getMqttMessage().getReasonCode()).isEqualTo(
                                Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR));
        List<Mqtt5Publish> arrived = List.of(next(), next());
        assertThat(arrived).extracting(publish -> publish.getTopic().toString())
                .containsExactlyInAnyOrder("sensors/" + accepted + "/readings", "other/errors");
        assertThat(arrived).filteredOn(publish -> publish.getTopic().toString().equals("other/errors"))
                .extracting(RoutingTest::text).singleElement().asString()
                .contains("\"reason\":\"reply_not_sent\"", "\"channel\":\"batches\"", gateway);
    }

    @Test
    void anEmptyBatchIsAcknowledged() throws Exception {
        Mqtt5Qos1Result ack = publish(batch("gw-" + UUID.randomUUID(), ""));

        assertThat(ack.getPubAck().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    }

    // A split reading is handled like a sensor's own: the readings channel routes it to the alerts.
    @Test
    void aCriticalReadingInABatchRaisesItsAlertLikeASensorsOwn() throws Exception {
        subscribe("alerts/#");
        String sensor = "boiler-" + UUID.randomUUID();

        publish(batch("gw-" + UUID.randomUUID(), "{\"sensor\":\"" + sensor + "\",\"celsius\":95.0}"));

        Mqtt5Publish alert = next();
        assertThat(alert.getTopic().toString()).isEqualTo("alerts/high");
        assertThat(userProperties(alert)).contains(Map.entry("sensor", sensor));
    }

    @Test
    void healthAndMetricsCoverThisApplicationsChannels() throws Exception {
        publish(reading("meter-" + UUID.randomUUID(), ReadingRouter.CRITICAL_CELSIUS).build());
        publish(Mqtt5Publish.builder().topic("sensors/meter/calibrate").qos(MqttQos.AT_LEAST_ONCE)
                .payload("{\"referenceCelsius\":1.0,\"measuredCelsius\":1.0}".getBytes(StandardCharsets.UTF_8))
                .build());
        publish(batch("gw-" + UUID.randomUUID(), "{\"sensor\":\"meter\",\"celsius\":20.0}"));

        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.keySet()",
                        containsInAnyOrder("readings", "alerts", "calibrations", "calibrated", "batches",
                                "split-readings", "dead-letter"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("autoresponder_requests_received_total{channel=\"readings\"}"))
                .body(containsString("autoresponder_requests_received_total{channel=\"calibrations\"}"))
                .body(containsString("autoresponder_requests_received_total{channel=\"batches\"}"))
                .body(containsString("autoresponder_replies_sent_total{channel=\"alerts\"}"))
                .body(containsString("autoresponder_replies_sent_total{channel=\"calibrated\"}"))
                .body(containsString("autoresponder_replies_sent_total{channel=\"split-readings\"}"));
    }

    private void subscribe(String filter) throws Exception {
        client.subscribeWith().topicFilter(filter).qos(MqttQos.EXACTLY_ONCE).send()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Publishes at QoS 1 and returns once the PUBACK came back; fails the test if it did not come in time, and
     * throws an {@link ExecutionException} with a {@link Mqtt5PubAckException} if it carried an error code.
     */
    private Mqtt5Qos1Result publish(Mqtt5Publish publish) throws Exception {
        return (Mqtt5Qos1Result) client.publish(publish).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static Mqtt5Publish batch(String gateway, String readings) {
        return Mqtt5Publish.builder().topic("gateways/" + gateway + "/batch").qos(MqttQos.AT_LEAST_ONCE)
                .payload(("{\"readings\":[" + readings + "]}").getBytes(StandardCharsets.UTF_8)).build();
    }

    private static Mqtt5PublishBuilder.Complete reading(String sensor, double celsius) {
        return Mqtt5Publish.builder().topic("sensors/" + sensor + "/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload(("{\"celsius\":" + celsius + "}").getBytes(StandardCharsets.UTF_8));
    }

    private Mqtt5Publish next() throws InterruptedException {
        Mqtt5Publish publish = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(publish).as("a message within %d s", TIMEOUT_SECONDS).isNotNull();
        return publish;
    }

    private static List<Map.Entry<String, String>> userProperties(Mqtt5Publish publish) {
        return publish.getUserProperties().asList().stream()
                .map(property -> Map.entry(property.getName().toString(), property.getValue().toString())).toList();
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }
}
