package io.autoresponder.console;

import java.util.List;
import java.util.Map;

import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.profiles.MqttConnectorProfile;

/** {@link ConsoleProfile} in external mode: a Mosquitto that wants credentials, our MQTT 5 connector. */
public class ConsoleOnMosquittoProfile extends MqttConnectorProfile {

    static final String MQTT_USER = "responder";
    static final String MQTT_PASSWORD = "mqtt-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return new ConsoleProfile().getConfigOverrides();
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MosquittoBroker.class,
                Map.of(MosquittoBroker.USERNAME, MQTT_USER, MosquittoBroker.PASSWORD, MQTT_PASSWORD)));
    }
}
