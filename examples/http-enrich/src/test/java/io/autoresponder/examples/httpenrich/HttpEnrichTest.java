package io.autoresponder.examples.httpenrich;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;

import io.autoresponder.testing.EmbeddedBrokerPort;
import io.autoresponder.testing.MqttTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The lookup handler over real MQTT against the embedded broker this application brings with the dependency, and
 * over real HTTP against a catalog stub ({@link CatalogStub}).
 */
@QuarkusTest
@WithTestResource(EmbeddedBrokerPort.class)
@WithTestResource(CatalogStub.class)
class HttpEnrichTest {

    private static final long TIMEOUT_SECONDS = 10;
    private static final String LOOKUP_TOPIC = "shop/lookup";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    /** Injected by its test resource. */
    CatalogStub catalog;

    private Mqtt5AsyncClient client;
    private final BlockingQueue<Mqtt5Publish> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() throws Exception {
        client = MqttClient.builder().useMqttVersion5().identifier("test-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        client.connect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.publishes(MqttGlobalPublishFilter.ALL, received::add);
        client.subscribeWith().topicFilter("other/errors").qos(MqttQos.AT_LEAST_ONCE).send()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() throws Exception {
        client.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aKnownSkuIsAnsweredOnTheEnrichedTopicWithTheCatalogsNameAndPriceAndTheTotal() throws Exception {
        client.subscribeWith().topicFilter("shop/enriched").qos(MqttQos.AT_LEAST_ONCE).send()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        CatalogStub.Item jug = CatalogStub.PRODUCTS.get("B-200");

        publish("{\"sku\":\"B-200\",\"quantity\":3}");

        Mqtt5Publish reply = next("a reply on shop/enriched", publish -> publish.getTopic().toString().equals("shop/enriched"));
        assertEnriched(json(reply), "B-200", 3, jug);
    }

    // MQTT 5.0 section 4.10: the reply goes to the response topic with the request's correlation data.
    @Test
    void anMqtt5RequesterGetsTheReplyOnItsResponseTopicWithItsCorrelationData() throws Exception {
        try (MqttTestClient requester = MqttTestClient.connect()) {
            MqttTestClient.Reply reply = requester.request(LOOKUP_TOPIC, "{\"sku\":\"A-100\",\"quantity\":2}");

            assertThat(reply.topic()).startsWith("autoresponder-test/").endsWith("/inbox");
            assertThat(reply.correlationData()).isPresent(); // the helper only returns the reply carrying its own
            assertEnriched(JSON.readTree(reply.payload()), "A-100", 2, CatalogStub.PRODUCTS.get("A-100"));
        }
    }

    @Test
    void anUnknownSkuIsDeadLetteredAsHandlerFailedAndTheNextRequestIsStillAnswered() throws Exception {
        String sku = "NOPE-" + UUID.randomUUID();
        String request = "{\"sku\":\"" + sku + "\",\"quantity\":1}";

        publishRefused(request);

        JsonNode letter = deadLetterOf(request);
        assertThat(letter.get("reason").asText()).isEqualTo("handler_failed");
        assertThat(letter.get("error").asText())
                .isEqualTo("handler_failed: " + UnknownSkuException.class.getName() + ": unknown sku " + sku);
        assertTheNextRequestIsAnswered();
    }

    @Test
    void aCatalogServerErrorIsDeadLetteredAsHandlerFailedAndTheNextRequestIsStillAnswered() throws Exception {
        String request = "{\"sku\":\"" + CatalogStub.BROKEN + "\",\"quantity\":" + uniqueQuantity() + "}";

        publishRefused(request);

        JsonNode letter = deadLetterOf(request);
        assertThat(letter.get("reason").asText()).isEqualTo("handler_failed");
        assertThat(letter.get("error").asText()).startsWith("handler_failed: ")
                .contains("WebApplicationException: ").contains("status code 500");
        assertTheNextRequestIsAnswered();
    }

    // The stub would answer this SKU with a valid product, but only after SLOW_DELAY: a dead letter instead of a
    // reply, and before that delay, is the read timeout at work.
    @Test
    void aCatalogSlowerThanTheReadTimeoutIsDeadLetteredAsHandlerFailedAndTheNextRequestIsStillAnswered()
            throws Exception {
        String request = "{\"sku\":\"" + CatalogStub.SLOW + "\",\"quantity\":" + uniqueQuantity() + "}";
        long start = System.nanoTime();

        publishRefused(request);

        JsonNode letter = deadLetterOf(request);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CatalogStub.SLOW_DELAY);
        assertThat(letter.get("reason").asText()).isEqualTo("handler_failed");
        assertThat(letter.get("error").asText()).startsWith("handler_failed: jakarta.ws.rs.ProcessingException")
                .containsIgnoringCase("timeout");
        assertTheNextRequestIsAnswered();
    }

    @Test
    void aRequestThatIsNotJsonIsDeadLetteredWithoutAskingTheCatalog() throws Exception {
        assertDeadLetteredWithoutAskingTheCatalog("sku=A-100&quantity=" + uniqueQuantity(), "not_json");
    }

    // A quantity that is not a number, and a SKU that would reach for another path of the catalog.
    @Test
    void aRequestOfTheWrongShapeIsDeadLetteredWithoutAskingTheCatalog() throws Exception {
        assertDeadLetteredWithoutAskingTheCatalog("{\"sku\":\"A-100\",\"quantity\":\"" + UUID.randomUUID() + "\"}",
                "wrong_shape");
        assertDeadLetteredWithoutAskingTheCatalog("{\"sku\":\"../admin?x=" + UUID.randomUUID() + "\",\"quantity\":1}",
                "wrong_shape");
    }

    @Test
    void healthAndMetricsCoverTheLookupsChannelAndCountItsFailures() throws Exception {
        double failedBefore = handlerFailures();
        String request = "{\"sku\":\"NOPE-" + UUID.randomUUID() + "\",\"quantity\":1}";
        publishRefused(request);
        deadLetterOf(request);

        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - readiness check' }.data.keySet()",
                        containsInAnyOrder("lookups", "enriched", "dead-letter")); // no built-in test/other, no rules
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("autoresponder_requests_received_total{channel=\"lookups\"}"));
        assertThat(handlerFailures()).isEqualTo(failedBefore + 1);
    }

    /** Dead-lettered by autoresponder before the handler: the catalog gets only the valid request sent after it. */
    private void assertDeadLetteredWithoutAskingTheCatalog(String request, String reason) throws Exception {
        int callsBefore = catalog.calls();

        publish(request); // a rejected payload is acknowledged: PUBACK 0x00

        JsonNode letter = deadLetterOf(request);
        assertThat(letter.get("reason").asText()).isEqualTo(reason);
        assertThat(letter.get("error").asText()).startsWith(reason + ": ");
        assertTheNextRequestIsAnswered();
        assertThat(catalog.calls()).isEqualTo(callsBefore + 1);
    }

    private void assertTheNextRequestIsAnswered() throws Exception {
        try (MqttTestClient requester = MqttTestClient.connect()) {
            MqttTestClient.Reply reply = requester.request(LOOKUP_TOPIC, "{\"sku\":\"C-300\",\"quantity\":4}");
            assertEnriched(JSON.readTree(reply.payload()), "C-300", 4, CatalogStub.PRODUCTS.get("C-300"));
        }
    }

    private static void assertEnriched(JsonNode reply, String sku, int quantity, CatalogStub.Item product) {
        assertThat(reply.fieldNames()).toIterable().containsExactlyInAnyOrder("sku", "quantity", "name", "unitPrice",
                "total");
        assertThat(reply.get("sku").asText()).isEqualTo(sku);
        assertThat(reply.get("quantity").asInt()).isEqualTo(quantity);
        assertThat(reply.get("name").asText()).isEqualTo(product.name());
        assertThat(reply.get("unitPrice").decimalValue()).isEqualByComparingTo(product.price());
        assertThat(reply.get("total").decimalValue())
                .isEqualByComparingTo(product.price().multiply(BigDecimal.valueOf(quantity)));
    }

    /** The dead letter carrying a copy of {@code request}, with what every dead letter of a lookup carries. */
    private JsonNode deadLetterOf(String request) throws Exception {
        Mqtt5Publish publish = next("the dead letter of " + request, candidate -> {
            if (!candidate.getTopic().toString().equals("other/errors")) {
                return false;
            }
            return json(candidate).path("payload").asText().equals(request);
        });
        JsonNode letter = json(publish);
        assertThat(letter.get("channel").asText()).isEqualTo("lookups");
        assertThat(letter.get("topic").asText()).isEqualTo(LOOKUP_TOPIC);
        assertThat(letter.get("payloadBytes").asInt()).isEqualTo(request.getBytes(StandardCharsets.UTF_8).length);
        assertThat(letter.get("truncated").asBoolean()).isFalse();
        return letter;
    }

    private interface Check {
        boolean test(Mqtt5Publish publish) throws Exception;
    }

    /** The first message received that passes {@code check}; fails the test after {@value #TIMEOUT_SECONDS} s. */
    private Mqtt5Publish next(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            Mqtt5Publish publish = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(publish).as("%s within %d s", what, TIMEOUT_SECONDS).isNotNull();
            if (check.test(publish)) {
                return publish;
            }
        }
    }

    /**
     * Publishes a request whose handler fails. MQTT 5.0 section 3.4: the embedded broker sends the PUBACK once
     * its in-process subscriber (the responder) handled the request; reason code 0x83 tells an MQTT 5 publisher
     * that the handler failed, after the request was dead-lettered.
     */
    private void publishRefused(String payload) throws Exception {
        Throwable refused = catchThrowable(() -> publish(payload));

        assertThat(refused).as("PUBACK with an error code").isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(Mqtt5PubAckException.class, pubAck -> assertThat(
                        pubAck.getMqttMessage().getReasonCode()).isEqualTo(
                                Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR));
    }

    private void publish(String payload) throws Exception {
        client.publishWith().topic(LOOKUP_TOPIC).qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static double handlerFailures() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher counter = Pattern.compile("^autoresponder_payloads_rejected_total\\{channel=\"lookups\","
                + "reason=\"handler_failed\"} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0;
    }

    /** A quantity no other request of this run uses, so that each request's dead letter is told apart. */
    private static int uniqueQuantity() {
        return 1 + (int) (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000);
    }

    private static JsonNode json(Mqtt5Publish publish) throws Exception {
        return JSON.readTree(publish.getPayloadAsBytes());
    }
}
