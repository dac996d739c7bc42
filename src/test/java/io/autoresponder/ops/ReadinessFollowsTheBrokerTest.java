package io.autoresponder.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.broker.EmbeddedBroker;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * Readiness is DOWN while the broker does not listen, and UP again once it listens and the responder has
 * reconnected; {@code autoresponder_ready} follows it. (Before start-up the state cannot be observed over HTTP: the broker binds in a start-up
 * observer that runs before the application is announced as started.) Liveness stays UP throughout.
 * Own profile, because stopping the broker disturbs other tests' connections.
 */
@QuarkusTest
@TestProfile(ReadinessFollowsTheBrokerTest.Isolated.class)
@WithTestResource(FreeBrokerPort.class)
class ReadinessFollowsTheBrokerTest {

    /** Separate application instance for this test. */
    public static class Isolated implements QuarkusTestProfile {
    }

    @Inject
    EmbeddedBroker broker;

    @Test
    void readinessIsDownWhileTheBrokerIsStoppedAndUpAfterRestart() {
        given().when().get("/q/health/ready").then().statusCode(200);

        broker.stop().toCompletionStage().toCompletableFuture().join();

        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'embedded-mqtt-broker' }.status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);
        // The gauge alerts read follows within its refresh interval.
        await().atMost(Duration.ofSeconds(15)).until(() -> PrometheusText.sample("autoresponder_ready") == 0);

        broker.start().toCompletionStage().toCompletableFuture().join();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        await().atMost(Duration.ofSeconds(15)).until(() -> PrometheusText.sample("autoresponder_ready") == 1);
    }
}
