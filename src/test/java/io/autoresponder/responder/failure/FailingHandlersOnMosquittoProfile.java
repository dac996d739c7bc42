package io.autoresponder.responder.failure;

import java.util.Map;

import io.autoresponder.support.profiles.MqttConnectorProfile;

/** {@link FailingHandlersProfile} in external mode: Mosquitto, our MQTT 5 connector. */
public class FailingHandlersOnMosquittoProfile extends MqttConnectorProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return new FailingHandlersProfile().getConfigOverrides();
    }
}
