package io.autoresponder.console;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.brokers.FreeBrokerPort;

/** Outside dev mode the console is not served unless {@code autoresponder.console.enabled} says so. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class ConsoleOffByDefaultTest {

    @Test
    void nothingIsServedUnderTheConsolePath() {
        for (String path : new String[] { "/console", "/console/", "/console/api/state", "/console/api/events" }) {
            given().redirects().follow(false).when().get(path).then().statusCode(404);
        }
        given().contentType("application/json").body("{\"topic\":\"test\"}").when().post("/console/api/publish")
                .then().statusCode(404);
    }
}
