package io.autoresponder.connector.tracing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Tracing on, exported to {@link CollectedSpans} only, quickly; and the {@link TracedEcho} handler on channel
 * {@code traced} (topic {@code traced/in}, replies on {@code traced/out}).
 */
public class TracingProfile implements QuarkusTestProfile {

    static final String ECHO = "autoresponder.test.traced-echo";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.otel.sdk.disabled", "false");
        config.put("quarkus.otel.exporter.otlp.enabled", "false");
        config.put("quarkus.otel.bsp.schedule.delay", "50ms");
        config.put(ECHO, "true");
        config.put("mp.messaging.incoming.traced.connector", "${autoresponder.responder.connector}");
        config.put("mp.messaging.incoming.traced.topic", "traced/in");
        config.put("mp.messaging.outgoing.traced-replies.connector", "${autoresponder.responder.connector}");
        config.put("mp.messaging.outgoing.traced-replies.topic", "traced/out");
        return config;
    }
}
