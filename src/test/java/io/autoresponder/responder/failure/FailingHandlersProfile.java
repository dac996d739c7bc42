package io.autoresponder.responder.failure;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Enables {@link FailingHandlers}: channel {@code fail-<shape>} listens on topic {@code fail/<shape>}. */
public class FailingHandlersProfile implements QuarkusTestProfile {

    static final String REPLY_TOPIC = "fail/replies";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("autoresponder.test.failing-handlers", "true");
        for (String shape : new String[] {"sync", "uni", "blocking", "reply"}) {
            channel(config, "incoming", "fail-" + shape, "fail/" + shape);
        }
        channel(config, "outgoing", "fail-replies", REPLY_TOPIC);
        config.put("mp.messaging.outgoing.fail-replies.merge", "true");
        return config;
    }

    private static void channel(Map<String, String> config, String direction, String name, String topic) {
        config.put("mp.messaging." + direction + "." + name + ".connector", "${autoresponder.responder.connector}");
        config.put("mp.messaging." + direction + "." + name + ".topic", topic);
    }
}
