package io.autoresponder.rules;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reply of a rule to one request, ready to publish.
 *
 * @param topic          the rule's topic for it, if it named one
 * @param payload        JSON, or a text node when {@code text}
 * @param text           sent as the plain text of {@code payload} rather than as JSON
 * @param qos            its QoS, if the rule named one
 * @param retain         its retain flag
 * @param userProperties MQTT 5 user properties, in the rule's order
 * @param delay          how long to wait before sending it
 */
public record RenderedReply(Optional<String> topic, JsonNode payload, boolean text, Optional<Integer> qos,
        boolean retain, Map<String, String> userProperties, Duration delay) {

    /** What the connector publishes: the text itself, or the JSON. */
    public Object body() {
        return text ? payload.asText() : payload;
    }
}
