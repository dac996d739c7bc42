package io.autoresponder.support.profiles;

import java.util.List;

import io.autoresponder.support.brokers.HiveMqBroker;

/**
 * External mode on our MQTT 5 connector against HiveMQ Community Edition with its defaults ({@link HiveMqBroker}):
 * the second real broker besides Mosquitto, with its own MQTT 5 Receive Maximum towards the responder (10).
 */
public class MqttConnectorOnHiveMqProfile extends MqttConnectorProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(HiveMqBroker.class));
    }
}
