package io.autoresponder.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MosquittoProfile;

/**
 * {@link HealthAndMetricsTest} in external mode, against a real Mosquitto broker over TCP. The embedded broker
 * does not run there: its check reports external mode and its gauges count nobody.
 */
@QuarkusTest
@TestProfile(MosquittoProfile.class)
@ExtendWith(RequiresMosquitto.class)
class HealthAndMetricsOnMosquittoTest extends HealthAndMetricsTest {

    @Override
    @Test
    void readinessCoversTheBrokerAndEveryChannel() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'embedded-mqtt-broker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'embedded-mqtt-broker' }.data.mode", equalTo("external"))
                .body("checks.find { it.name.contains('Messaging') }.data.test", equalTo("[OK]"))
                .body("checks.find { it.name.contains('Messaging') }.data.other", equalTo("[OK]"));
    }

    @Override
    void assertBrokerMetricsWhileAClientIsConnected() {
        assertThat(PrometheusText.sample("autoresponder_broker_connections")).as("the embedded broker is off")
                .isZero();
    }
}
