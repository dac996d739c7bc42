package io.autoresponder.connector.mqtt.flow;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MqttConnectorProfile;

/**
 * {@link BurstUnderFlowControlTest} against Mosquitto with the settings docs/external-brokers.md recommends
 * ({@code max_inflight_messages 1000}, {@code max_queued_messages 1000000}).
 */
@QuarkusTest
@TestProfile(MqttConnectorProfile.class)
@ExtendWith(RequiresMosquitto.class)
class BurstOnTunedMosquittoTest extends BurstUnderFlowControlTest {

    @Override
    int burst() {
        return 5_000;
    }
}
