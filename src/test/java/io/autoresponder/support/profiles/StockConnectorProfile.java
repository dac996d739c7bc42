package io.autoresponder.support.profiles;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the responder channels on the stock SmallRye MQTT connector, over TCP to the embedded broker. */
public class StockConnectorProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("autoresponder.responder.connector", "smallrye-mqtt");
    }
}
