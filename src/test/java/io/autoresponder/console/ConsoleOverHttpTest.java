package io.autoresponder.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.testing.MqttTestClient;

/**
 * The console over HTTP, as in production: behind a login and a role; the state, the test form's publish and the
 * live stream of requests, replies and dead letters; a browser that does not read never holds up the responder.
 */
@QuarkusTest
@TestProfile(ConsoleProfile.class)
@WithTestResource(FreeBrokerPort.class)
class ConsoleOverHttpTest {

    @TestHTTPResource("/console/api/events")
    URL events;

    @ConfigProperty(name = "autoresponder.rules.file")
    String rulesFile;

    private static RequestSpecification operator() {
        return given().auth().preemptive().basic(ConsoleProfile.USER, ConsoleProfile.PASSWORD);
    }

    @Test
    void withoutALoginTheConsoleAsksForOne() {
        for (String path : List.of("/console/", "/console/console.js", "/console/api/state", "/console/api/events")) {
            given().redirects().follow(false).when().get(path).then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("basic"));
        }
        given().auth().preemptive().basic(ConsoleProfile.USER, "wrong").when().get("/console/api/state").then()
                .statusCode(401);
    }

    @Test
    void aUserWithoutTheConsoleRoleIsForbidden() {
        given().auth().preemptive().basic(ConsoleProfile.OTHER_USER, ConsoleProfile.OTHER_PASSWORD)
                .when().get("/console/api/state").then().statusCode(403);
    }

    @Test
    void theOperatorGetsThePageItsScriptAndStyle() {
        operator().redirects().follow(false).when().get("/console").then().statusCode(302)
                .header("Location", "/console/");
        operator().when().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Live traffic"));
        operator().when().get("/console/console.js").then().statusCode(200)
                .contentType(containsString("text/javascript")).body(containsString("EventSource"));
        operator().when().get("/console/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void theStateCountsTopicsAndRulesAndListsConnectedClients() {
        try (MqttTestClient mqtt = MqttTestClient.connect()) {
            assertThat(mqtt.request("ping", "{\"seq\": 7}").text()).isEqualTo("pong 7");
            operator().when().get("/console/api/state").then().statusCode(200)
                    .body("broker", containsString("embedded"))
                    .body("topics.shown.find { it.topic == 'ping' }.requests", greaterThanOrEqualTo(1))
                    .body("rules.enabled", equalTo(true))
                    .body("rules.rules.name", hasItem("ping"))
                    .body("rules.rules.find { it.name == 'ping' }.matches", greaterThanOrEqualTo(1))
                    .body("rules.rules.find { it.name == 'lamp' }.filter", equalTo("devices/+/get"))
                    .body("rules.problems.size()", equalTo(0))
                    .body("clients.embedded", equalTo(true))
                    .body("clients.total", greaterThanOrEqualTo(1))
                    .body("clients.shown.protocol", hasItem("MQTT 5.0"));
        }
    }

    @Test
    void aBrokenRulesFileShowsItsProblemsWithLineAndColumnWhileTheOldRulesAnswer() throws IOException {
        Path file = Path.of(rulesFile);
        String good = Files.readString(file);
        try (MqttTestClient mqtt = MqttTestClient.connect()) {
            Files.writeString(file, good.replace("topic: ping", "topic: ping/#/bad"));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> operator().when().get("/console/api/state")
                    .then().body("rules.problems.size()", equalTo(1))
                    .body("rules.problems[0].line", equalTo(3))
                    .body("rules.problems[0].column", greaterThanOrEqualTo(1))
                    .body("rules.problems[0].text", containsString(file.getFileName().toString())));
            assertThat(mqtt.request("ping", "{\"seq\": 8}").text()).isEqualTo("pong 8");
        } finally {
            Files.writeString(file, good);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> operator().when().get("/console/api/state")
                .then().body("rules.problems.size()", equalTo(0)));
    }

    @Test
    void theFormPublishesATestMessageAndReturnsItsReply() {
        String marker = UUID.randomUUID().toString();
        operator().contentType(ContentType.JSON)
                .body(Map.of("topic", "test", "payload", "{\"talk\":\"" + marker + "\",\"name\":\"form\"}", "qos", 2))
                .when().post("/console/api/publish").then().statusCode(200)
                .body("topic", equalTo("test"))
                .body("reply.topic", startsWith("autoresponder/console/"))
                .body("reply.payload", containsString("Hello form, you said: " + marker))
                .body("reply.afterMillis", greaterThanOrEqualTo(0));
    }

    @Test
    void aTestMessageNobodyAnswersSaysSoAfterTheReplyTimeout() {
        operator().contentType(ContentType.JSON).body(Map.of("topic", "nobody/listens", "payload", "hello"))
                .when().post("/console/api/publish").then().statusCode(200)
                .body("reply", nullValue()).body("waitedMillis", equalTo(2000));
    }

    @Test
    void theFormRefusesBadTestMessagesWithTheReason() {
        operator().contentType(ContentType.JSON).body(Map.of("topic", "a/+/b", "payload", "x"))
                .when().post("/console/api/publish").then().statusCode(400).body("error", containsString("topic"));
        operator().contentType(ContentType.JSON).body(Map.of("topic", "test", "payload", "x", "qos", 3))
                .when().post("/console/api/publish").then().statusCode(400).body("error", containsString("qos"));
        operator().contentType(ContentType.JSON).body("{not json")
                .when().post("/console/api/publish").then().statusCode(400).body("error", containsString("not JSON"));
        operator().contentType(ContentType.JSON).body(Map.of("topic", "test", "payload", "x".repeat(70_000)))
                .when().post("/console/api/publish").then().statusCode(400).body("error", containsString("payload"));
        // A form post from another site cannot send JSON without a CORS preflight, which is never granted.
        operator().contentType(ContentType.TEXT).body("{\"topic\":\"test\"}")
                .when().post("/console/api/publish").then().statusCode(415);
    }

    @Test
    void theStreamCarriesRequestsRepliesAndDeadLettersAsTheyHappen() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(events.toURI()).header("Authorization", basic()).build();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> stream = response.get();
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        Thread reader = new Thread(() -> stream.body().forEach(lines::add), "console-stream-reader");
        reader.setDaemon(true);
        reader.start();
        try (MqttTestClient mqtt = MqttTestClient.connect()) {
            String marker = UUID.randomUUID().toString();
            mqtt.request("test", "{\"talk\":\"" + marker + "\",\"name\":\"sse\"}");
            mqtt.publish("test", "not json " + marker);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                List<String> mine = lines.stream().filter(line -> line.contains(marker)).toList();
                assertThat(mine).anyMatch(line -> line.contains("\"kind\":\"request\""))
                        .anyMatch(line -> line.contains("\"kind\":\"reply\""))
                        .anyMatch(line -> line.contains("\"kind\":\"dead-letter\"")
                                && line.contains("\"topic\":\"other/errors\""));
            });
        } finally {
            reader.interrupt();
            stream.body().close();
        }
    }

    @Test
    void aBrowserThatDoesNotReadNeverHoldsUpTheResponderAndItsDropsAreCounted() throws Exception {
        long droppedBefore = operator().when().get("/console/api/state").then().extract().jsonPath()
                .getLong("feed.dropped");
        try (Socket stalled = new Socket(); MqttTestClient mqtt = MqttTestClient.connect()) {
            stalled.setReceiveBufferSize(4096); // before connecting, so the window stays small
            stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), events.getPort()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /console/api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = stalled.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            // From here on the browser reads nothing. 1,500 requests of 8 KB, each with its 8 KB reply: about 24 MB
            // of events, far more than socket buffers and the browser's queue hold.
            String filler = "x".repeat(8000);
            for (int i = 0; i < 1500; i++) {
                assertThat(mqtt.request("test", "{\"talk\":\"" + filler + i + "\",\"name\":\"slow\"}").text())
                        .contains(filler + i);
            }
            long dropped = operator().when().get("/console/api/state").then().extract().jsonPath()
                    .getLong("feed.dropped");
            assertThat(dropped - droppedBefore).as("events dropped for the stalled browser").isPositive();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> operator().when().get("/console/api/state")
                .then().body("feed.browsers", equalTo(0)));
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (ConsoleProfile.USER + ":" + ConsoleProfile.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
