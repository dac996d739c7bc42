package io.autoresponder.app;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.profiles.MqttConnectorOnHiveMqProfile;

/** {@link SeedScenarioTest} through autoresponder-mqtt against HiveMQ CE with its default settings. */
@QuarkusTest
@TestProfile(MqttConnectorOnHiveMqProfile.class)
class SeedScenarioOnHiveMqTest extends SeedScenarioTest {
}
