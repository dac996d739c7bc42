package io.autoresponder.support.profiles;

import java.util.List;
import java.util.Map;

import io.autoresponder.support.brokers.MosquittoBroker;

/**
 * External mode on our MQTT 5 connector against a Mosquitto that runs with its defaults ({@link MosquittoBroker}
 * with {@link MosquittoBroker#SETTINGS_DEFAULTS}): an MQTT 5 Receive Maximum of 20 towards the responder, 20
 * messages in flight and 1,000 queued per client, as a new user runs it.
 */
public class MqttConnectorOnDefaultMosquittoProfile extends MqttConnectorProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MosquittoBroker.class,
                Map.of(MosquittoBroker.SETTINGS, MosquittoBroker.SETTINGS_DEFAULTS)));
    }
}
