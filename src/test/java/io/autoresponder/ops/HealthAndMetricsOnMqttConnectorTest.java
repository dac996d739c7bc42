package io.autoresponder.ops;

import org.junit.jupiter.api.extension.ExtendWith;

import io.autoresponder.support.MqttConnectorProfile;
import io.autoresponder.support.RequiresMosquitto;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link HealthAndMetricsOnMosquittoTest} through our MQTT 5 connector (autoresponder-mqtt). */
@QuarkusTest
@TestProfile(MqttConnectorProfile.class)
@ExtendWith(RequiresMosquitto.class)
class HealthAndMetricsOnMqttConnectorTest extends HealthAndMetricsOnMosquittoTest {
}
