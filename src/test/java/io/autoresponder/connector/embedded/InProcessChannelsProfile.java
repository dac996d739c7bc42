package io.autoresponder.connector.embedded;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Enables {@link InProcessTestHandlers} and attaches their channels to the embedded broker. */
public class InProcessChannelsProfile implements QuarkusTestProfile {

    /** Publishers may have this many QoS 1/2 messages unacknowledged (CONNACK receive maximum). */
    static final int RECEIVE_MAXIMUM = 20;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("autoresponder.test.in-process-handlers", "true");
        config.put("autoresponder.broker.receive-maximum", Integer.toString(RECEIVE_MAXIMUM));
        channel(config, "incoming", "wild", "inproc/+/requests");
        channel(config, "outgoing", "wild-replies", "inproc/replies/default");
        channel(config, "incoming", "share-a", "$share/workers/inproc/jobs");
        channel(config, "incoming", "share-b", "$share/workers/inproc/jobs");
        channel(config, "incoming", "slow", "inproc/slow");
        return config;
    }

    private static void channel(Map<String, String> config, String direction, String name, String topic) {
        config.put("mp.messaging." + direction + "." + name + ".connector", EmbeddedConnector.NAME);
        config.put("mp.messaging." + direction + "." + name + ".topic", topic);
    }
}
