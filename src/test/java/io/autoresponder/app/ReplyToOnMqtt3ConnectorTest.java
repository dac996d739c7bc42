package io.autoresponder.app;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.Mqtt3ConnectorProfile;

/** {@link ReplyToOnMqttConnectorTest} with the connector itself speaking MQTT 3.1.1 ({@code mqtt-version=3}). */
@QuarkusTest
@TestProfile(Mqtt3ConnectorProfile.class)
@ExtendWith(RequiresMosquitto.class)
class ReplyToOnMqtt3ConnectorTest extends ReplyToOnMqttConnectorTest {
}
