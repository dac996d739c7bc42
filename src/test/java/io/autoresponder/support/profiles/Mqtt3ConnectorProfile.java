package io.autoresponder.support.profiles;

import java.util.HashMap;
import java.util.Map;

/** {@link MqttConnectorProfile} with the connector speaking MQTT 3.1.1 ({@code mqtt-version=3}). */
public class Mqtt3ConnectorProfile extends MqttConnectorProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("mp.messaging.connector.autoresponder-mqtt.mqtt-version", "3");
        return config;
    }
}
