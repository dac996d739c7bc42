package io.autoresponder.rules;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.quarkus.qute.Template;

/**
 * One reply of a rule.
 *
 * @param topic          where it goes unless the request names a place (MQTT 5 response topic, JSON
 *                       {@code replyTo}); empty: the rules' reply channel's topic
 * @param payload        what it says
 * @param text           whether the payload is sent as plain text (a string payload) rather than JSON
 * @param qos            its QoS, or empty for the channel's
 * @param retain         its retain flag
 * @param userProperties MQTT 5 user properties, values may hold placeholders
 * @param delay          how long after the request it is sent (bounded by the rules' maximum)
 */
record ReplyTemplate(Optional<Template> topic, PayloadTemplate payload, boolean text, Optional<Integer> qos,
        boolean retain, Map<String, Template> userProperties, Duration delay) {

    /** This reply for one request; fails with the template's reason when a placeholder cannot be filled. */
    RenderedReply render(RenderContext context) {
        Map<String, String> properties = new LinkedHashMap<>();
        userProperties.forEach((name, value) -> properties.put(name, context.render(value)));
        return new RenderedReply(topic.map(context::render), payload.render(context), text, qos, retain, properties,
                delay);
    }
}
