package io.autoresponder.support.profiles;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import io.autoresponder.support.brokers.MosquittoBroker;

/**
 * External mode against a real Mosquitto ({@link MosquittoBroker}): its own application instance and broker,
 * apart from the tests on the embedded broker. The responder channels run on the stock SmallRye MQTT connector,
 * chosen explicitly ({@code autoresponder-mqtt} is the default of external mode: {@link MqttConnectorProfile}).
 */
public class MosquittoProfile implements QuarkusTestProfile {

    /** The configuration that selects the stock connector. */
    public static final Map<String, String> STOCK_CONNECTOR = Map.of("autoresponder.responder.connector", "smallrye-mqtt");

    @Override
    public Map<String, String> getConfigOverrides() {
        return STOCK_CONNECTOR;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MosquittoBroker.class));
    }
}
