package io.autoresponder.ops;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MqttConnectorProfile;

/**
 * {@link BrokerRestartTest} through our MQTT 5 connector: readiness DOWN while the broker is gone, reconnect with
 * capped backoff, subscribe again (readiness UP), and every QoS 1 request of a persistent-session requester
 * answered exactly once. The service's own session persists too (fixed client id, no clean start, session
 * expiry), so requests the broker held for it survive the restart.
 */
@QuarkusTest
@TestProfile(BrokerRestartOnMqttConnectorTest.PersistentSession.class)
@ExtendWith(RequiresMosquitto.class)
class BrokerRestartOnMqttConnectorTest extends BrokerRestartTest {

    /** Own application and broker; persistent session, quick retries. */
    public static class PersistentSession extends MqttConnectorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            String prefix = "mp.messaging.connector.autoresponder-mqtt.";
            config.put(prefix + "client-id", "responder-mqtt-broker-restart");
            config.put(prefix + "clean-start", "false");
            config.put(prefix + "session-expiry-interval", "600");
            config.put(prefix + "reconnect-initial-delay", "250ms");
            config.put(prefix + "reconnect-max-delay", "2s");
            return config;
        }
    }
}
