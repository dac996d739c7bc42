package io.autoresponder.responder;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.Mqtt3ConnectorProfile;

/** {@link BadPayloadTest} against a real Mosquitto through our connector in MQTT 3.1.1 mode (autoresponder-mqtt, mqtt-version=3). */
@QuarkusTest
@TestProfile(Mqtt3ConnectorProfile.class)
@ExtendWith(RequiresMosquitto.class)
class BadPayloadOnMqtt3ConnectorTest extends BadPayloadTest {
}
