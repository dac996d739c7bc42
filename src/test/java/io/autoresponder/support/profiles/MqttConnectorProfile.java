package io.autoresponder.support.profiles;

import java.util.Map;

import io.autoresponder.support.brokers.MosquittoBroker;

/**
 * External mode against a real Mosquitto ({@link MosquittoBroker}) with the responder channels on our MQTT 5
 * connector, {@code autoresponder-mqtt}: the default of external mode, so nothing selects it here but the
 * operator's keys {@link MosquittoBroker} sets.
 */
public class MqttConnectorProfile extends MosquittoProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of();
    }
}
