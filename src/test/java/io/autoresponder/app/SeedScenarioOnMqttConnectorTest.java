package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.Mosquitto;
import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MqttConnectorProfile;

/** {@link SeedScenarioTest} against a real Mosquitto through our connector (autoresponder-mqtt) speaking MQTT 5. */
@QuarkusTest
@TestProfile(MqttConnectorProfile.class)
@ExtendWith(RequiresMosquitto.class)
class SeedScenarioOnMqttConnectorTest extends SeedScenarioTest {

    @MosquittoBroker.Broker
    Mosquitto mosquitto;

    // Mosquitto logs each CONNECT's protocol version: p2 is MQTT 3.1.1, p5 is MQTT 5.0.
    @Test
    void theResponderConnectsWithMqtt5() {
        assertThat(mosquitto.log()).containsPattern("as autoresponder-\\S+ \\(p5,");
    }
}
