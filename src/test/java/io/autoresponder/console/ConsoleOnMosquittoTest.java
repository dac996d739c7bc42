package io.autoresponder.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.autoresponder.support.brokers.RequiresMosquitto;

/**
 * The console in external mode, against a real Mosquitto that wants credentials: the test form publishes through
 * the broker with the connector's credentials and gets the reply; the traffic and the rules show as in embedded
 * mode; there are no clients of our own to list.
 */
@QuarkusTest
@TestProfile(ConsoleOnMosquittoProfile.class)
@ExtendWith(RequiresMosquitto.class)
class ConsoleOnMosquittoTest {

    @ConfigProperty(name = "mp.messaging.connector.autoresponder-mqtt.port")
    int mosquittoPort;

    private static RequestSpecification operator() {
        return given().auth().preemptive().basic(ConsoleProfile.USER, ConsoleProfile.PASSWORD);
    }

    @Test
    void theFormsTestMessageGoesThroughTheExternalBrokerAndGetsItsReply() {
        String marker = UUID.randomUUID().toString();
        operator().contentType(ContentType.JSON)
                .body(Map.of("topic", "test", "payload", "{\"talk\":\"" + marker + "\",\"name\":\"mosquitto\"}"))
                .when().post("/console/api/publish").then().statusCode(200)
                .body("reply.topic", startsWith("autoresponder/console/"))
                .body("reply.payload", containsString("Hello mosquitto, you said: " + marker));
        operator().contentType(ContentType.JSON).body(Map.of("topic", "ping", "payload", "{\"seq\": 3}"))
                .when().post("/console/api/publish").then().statusCode(200)
                .body("reply.payload", equalTo("pong 3"));

        operator().when().get("/console/api/recent").then().statusCode(200)
                .body("findAll { it.payload.contains('" + marker + "') }.kind", hasItem("request"))
                .body("findAll { it.payload.contains('" + marker + "') }.kind", hasItem("reply"));
        operator().when().get("/console/api/state").then().statusCode(200)
                .body("broker", equalTo("external broker 127.0.0.1:" + mosquittoPort))
                .body("clients.embedded", equalTo(false))
                .body("rules.rules.find { it.name == 'ping' }.matches", equalTo(1));
    }
}
