package io.autoresponder.app;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MqttConnectorOnDefaultMosquittoProfile;

/** {@link SeedScenarioTest} through autoresponder-mqtt against Mosquitto with its default settings. */
@QuarkusTest
@TestProfile(MqttConnectorOnDefaultMosquittoProfile.class)
@ExtendWith(RequiresMosquitto.class)
class SeedScenarioOnDefaultMosquittoTest extends SeedScenarioTest {
}
