package io.autoresponder.deploy;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * {@link DashboardMetricsTest} with the responder channels on our MQTT connector, over TCP to the embedded broker:
 * the channel meters of that connector (stalls, duplicates, journal failures) are served, and checked, here.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
@TestProfile(DashboardMetricsOnMqttConnectorTest.OnMqttConnector.class)
class DashboardMetricsOnMqttConnectorTest extends DashboardMetricsTest {

    /** Persistence on, and autoresponder-mqtt instead of the in-process connector. */
    public static class OnMqttConnector extends DashboardMetricsTest.WithPersistence {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("autoresponder.responder.connector", "autoresponder-mqtt");
            return overrides;
        }
    }

    /** Only the in-process connector refuses QoS 1/2 requests when its queue is full. */
    @Override
    Map<String, String> metersOfTheOtherConnector() {
        return Map.of("autoresponder_channel_refused_total", "the in-process connector's bounded queue");
    }
}
