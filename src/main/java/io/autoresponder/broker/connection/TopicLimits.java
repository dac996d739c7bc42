package io.autoresponder.broker.connection;

import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.mqtt.Topics;

/**
 * The configured limits on topic names and filters ({@code max-topic-levels}, {@code max-topic-length}), checked
 * after the specification's own rules in {@link Topics}. Methods return why a topic is refused, or {@code null}.
 */
public final class TopicLimits {

    private final int maxLevels;
    private final int maxLength;

    TopicLimits(int maxLevels, int maxLength) {
        this.maxLevels = maxLevels;
        this.maxLength = maxLength;
    }

    static TopicLimits of(BrokerConfig config) {
        return new TopicLimits(config.maxTopicLevels(), config.maxTopicLength());
    }

    /** Why {@code name} may not be published to, or {@code null}. */
    String nameError(String name) {
        String error = Topics.nameError(name);
        return error != null ? error : limitError(name);
    }

    /** Why {@code filter} may not be subscribed to, or {@code null}. */
    String filterError(String filter) {
        String error = Topics.filterError(filter);
        return error != null ? error : limitError(filter);
    }

    private String limitError(String topic) {
        // A UTF-8 byte count only when the characters could exceed the limit: the common short topic costs nothing.
        if (topic.length() * 3L > maxLength && utf8Length(topic) > maxLength) {
            return "longer than " + maxLength + " bytes (autoresponder.broker.max-topic-length)";
        }
        if (Topics.levels(topic) > maxLevels) {
            return "more than " + maxLevels + " levels (autoresponder.broker.max-topic-levels)";
        }
        return null;
    }

    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
