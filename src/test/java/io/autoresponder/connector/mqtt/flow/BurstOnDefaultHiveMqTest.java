package io.autoresponder.connector.mqtt.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.profiles.MqttConnectorOnHiveMqProfile;

/**
 * {@link BurstUnderFlowControlTest} against HiveMQ CE 2025.5 with its default settings: Receive Maximum 10 for the
 * responder's replies, 1,000 messages queued per client (more are discarded).
 */
@QuarkusTest
@TestProfile(MqttConnectorOnHiveMqProfile.class)
class BurstOnDefaultHiveMqTest extends BurstUnderFlowControlTest {

    @Override
    int burst() {
        return 1_000;
    }
}
