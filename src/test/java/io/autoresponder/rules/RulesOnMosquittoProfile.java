package io.autoresponder.rules;

import java.util.Map;

import io.autoresponder.support.profiles.MqttConnectorProfile;

/** {@link RulesProfile} in external mode: Mosquitto, our MQTT 5 connector. */
public class RulesOnMosquittoProfile extends MqttConnectorProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return new RulesProfile().getConfigOverrides();
    }
}
