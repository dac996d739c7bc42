package io.autoresponder.responder;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.autoresponder.mqtt.Topics;
import io.autoresponder.responder.pipeline.ReplyToConvention;

/**
 * The {@code replyTo} convention for requesters without MQTT 5 request/response (MQTT 3.1.1 clients, or MQTT 5
 * clients that set no response topic): a request JSON object with a string field {@code replyTo} is answered on
 * that topic, and its {@code correlationId} (any JSON value, optional) is copied into the reply object. Stamped
 * on the request by {@link ReplyToConvention}; read by {@link ReplyAddress}, so handlers stay plain.
 *
 * @param topic         topic the reply goes to
 * @param correlationId value copied into the reply as {@code correlationId}, if the request had one
 */
public record JsonReplyTo(String topic, Optional<JsonNode> correlationId) {

    /** The UTF-8 length limit of every MQTT string, topic names included (MQTT 5.0 section 1.5.4). */
    static final int MAX_TOPIC_BYTES = 65_535;

    /**
     * The reply address {@code fields} ask for, given the topic the request arrived on.
     *
     * @return empty when the request has no {@code replyTo}
     * @throws IllegalArgumentException when {@code replyTo} cannot be published to, with the reason
     */
    public static Optional<JsonReplyTo> of(RequestFields fields, String requestTopic) {
        if (fields.replyTo().isEmpty()) {
            return Optional.empty();
        }
        JsonNode value = fields.replyTo().get();
        if (!value.isTextual()) {
            throw new IllegalArgumentException("replyTo must be a string naming a topic, not " + value.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT));
        }
        String topic = value.textValue();
        String error = topicError(topic, requestTopic);
        if (error != null) {
            throw new IllegalArgumentException("replyTo '" + shorten(topic) + "' " + error);
        }
        return Optional.of(new JsonReplyTo(topic, fields.correlationId()));
    }

    private static String topicError(String topic, String requestTopic) {
        String error = Topics.nameError(topic);
        if (error != null) {
            return "is not a topic name: " + error;
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            return "is longer than " + MAX_TOPIC_BYTES + " UTF-8 bytes, the limit of an MQTT string (MQTT 5.0 section 1.5.4)";
        }
        if (topic.startsWith("$")) {
            return "starts with '$', which names broker topics (MQTT 5.0 section 4.7.2)";
        }
        if (topic.equals(requestTopic)) {
            return "is the topic the request came on: the reply would be taken as a request";
        }
        return null;
    }

    private static String shorten(String topic) {
        return topic.length() <= 100 ? topic : topic.substring(0, 100) + "...";
    }
}
