package io.autoresponder.responder;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MqttConnectorProfile;

/** {@link BadPayloadTest} in external mode against a real Mosquitto, through our MQTT 5 connector (autoresponder-mqtt). */
@QuarkusTest
@TestProfile(MqttConnectorProfile.class)
@ExtendWith(RequiresMosquitto.class)
class BadPayloadOnMqttConnectorTest extends BadPayloadTest {
}
