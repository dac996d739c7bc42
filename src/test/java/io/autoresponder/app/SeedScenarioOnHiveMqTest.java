package io.autoresponder.app;

import io.autoresponder.support.profiles.MqttConnectorOnHiveMqProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link SeedScenarioTest} through autoresponder-mqtt against HiveMQ CE with its default settings. */
@QuarkusTest
@TestProfile(MqttConnectorOnHiveMqProfile.class)
class SeedScenarioOnHiveMqTest extends SeedScenarioTest {
}
