package io.autoresponder.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MqttConnectorProfile;

/**
 * {@link HealthAndMetricsOnMosquittoTest} through our MQTT 5 connector (autoresponder-mqtt), which external mode
 * uses without being asked to.
 */
@QuarkusTest
@TestProfile(MqttConnectorProfile.class)
@ExtendWith(RequiresMosquitto.class)
class HealthAndMetricsOnMqttConnectorTest extends HealthAndMetricsOnMosquittoTest {

    @ConfigProperty(name = "mp.messaging.incoming.test.connector")
    String requestConnector;

    @ConfigProperty(name = "mp.messaging.outgoing.other.connector")
    String replyConnector;

    @Test
    void externalModeUsesAutoresponderMqttByDefault() {
        assertThat(requestConnector).isEqualTo("autoresponder-mqtt");
        assertThat(replyConnector).isEqualTo("autoresponder-mqtt");
    }
}
