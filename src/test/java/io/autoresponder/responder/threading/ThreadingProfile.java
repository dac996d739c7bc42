package io.autoresponder.responder.threading;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Enables {@link ThreadReportingHandlers}: channel {@code thread-<shape>} listens on {@code thread/<shape>}. */
public class ThreadingProfile implements QuarkusTestProfile {

    static final String REPLY_TOPIC = "thread/replies";
    static final String[] SHAPES = {"plain", "nonblocking", "blocking", "unordered", "uni", "virtual"};

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("autoresponder.test.thread-handlers", "true");
        for (String shape : SHAPES) {
            config.put("mp.messaging.incoming.thread-" + shape + ".connector", "${autoresponder.responder.connector}");
            config.put("mp.messaging.incoming.thread-" + shape + ".topic", "thread/" + shape);
        }
        config.put("mp.messaging.outgoing.thread-replies.connector", "${autoresponder.responder.connector}");
        config.put("mp.messaging.outgoing.thread-replies.topic", REPLY_TOPIC);
        config.put("mp.messaging.outgoing.thread-replies.merge", "true");
        return config;
    }
}
