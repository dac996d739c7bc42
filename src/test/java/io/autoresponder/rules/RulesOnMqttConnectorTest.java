package io.autoresponder.rules;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;

/** {@link RulesOverMqttTest} in external mode against a real Mosquitto, through our MQTT 5 connector. */
@QuarkusTest
@TestProfile(RulesOnMosquittoProfile.class)
@ExtendWith(RequiresMosquitto.class)
class RulesOnMqttConnectorTest extends RulesOverMqttTest {
}
