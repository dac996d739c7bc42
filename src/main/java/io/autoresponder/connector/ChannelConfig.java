package io.autoresponder.connector;

import java.time.Duration;

import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.common.annotation.Identifier;

import io.autoresponder.mqtt.Topics;

/**
 * Checks the channel attributes every connector shares, with one wording: an error names the key as it is written
 * in {@code application.properties} ({@code mp.messaging.incoming.<channel>.<attribute>}) and stops the start.
 * Defaults are not here: each connector declares them once, in its {@code @ConnectorAttribute} annotations, and
 * reads them through the configuration classes generated from those.
 */
public final class ChannelConfig {

    /** Whether a channel receives ({@code incoming}) or publishes ({@code outgoing}). */
    public enum Direction {
        INCOMING, OUTGOING;

        String key(String channel, String attribute) {
            return "mp.messaging." + name().toLowerCase(java.util.Locale.ROOT) + "." + channel + "." + attribute;
        }
    }

    private final Direction direction;
    private final String channel;

    private ChannelConfig(Direction direction, String channel) {
        this.direction = direction;
        this.channel = channel;
    }

    /** The checks of incoming channel {@code channel}. */
    public static ChannelConfig incoming(String channel) {
        return new ChannelConfig(Direction.INCOMING, channel);
    }

    /** The checks of outgoing channel {@code channel}. */
    public static ChannelConfig outgoing(String channel) {
        return new ChannelConfig(Direction.OUTGOING, channel);
    }

    /**
     * The channel's topic, the channel name when none is configured: a topic filter for an incoming channel
     * (wildcards and shared subscriptions allowed), a topic name for an outgoing one (MQTT 5.0 section 4.7).
     */
    public String topic(java.util.Optional<String> configured) {
        String topic = configured.orElse(channel);
        String error = direction == Direction.INCOMING ? Topics.filterError(topic) : Topics.nameError(topic);
        if (error != null) {
            throw new IllegalArgumentException(direction.key(channel, "topic") + " '" + topic + "': " + error);
        }
        return topic;
    }

    /**
     * The {@link ChannelTopics} bean a {@code topics-from} attribute names, with its filters checked; a name no
     * bean has, or a filter that is not one, stops the start.
     */
    public ChannelTopics topicSource(String name, Instance<ChannelTopics> sources) {
        Instance<ChannelTopics> named = sources.select(Identifier.Literal.of(name));
        if (!named.isResolvable()) {
            throw invalid("topics-from", "'" + name + "' names no topic source; there is "
                    + (sources.isUnsatisfied() ? "none" : "none of that name"));
        }
        ChannelTopics source = named.get();
        for (String filter : source.filters()) {
            String error = Topics.filterError(filter);
            if (error != null) {
                throw invalid("topics-from", "'" + name + "' gives topic filter '" + filter + "': " + error);
            }
        }
        return source;
    }

    /** A QoS: 0, 1 or 2. */
    public int qos(int qos) {
        if (qos < 0 || qos > 2) {
            throw invalid("qos", "must be 0, 1 or 2, not " + qos);
        }
        return qos;
    }

    /** A count that must be at least 1. */
    public int positive(String attribute, int value) {
        if (value <= 0) {
            throw invalid(attribute, "must be positive, not " + value);
        }
        return value;
    }

    /** A count that may be 0 (off) but not negative. */
    public int notNegative(String attribute, int value) {
        if (value < 0) {
            throw invalid(attribute, "must not be negative, not " + value);
        }
        return value;
    }

    /** A duration written as Quarkus reads durations ({@code 30s}, {@code 10m}, {@code PT1S}); 0 allowed. */
    public Duration duration(String attribute, String value) {
        Duration duration;
        try {
            duration = DurationConverter.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw invalid(attribute, "is not a duration (e.g. 30s, 10m, PT1S): '" + value + "'");
        }
        if (duration == null || duration.isNegative()) {
            throw invalid(attribute, "must not be negative, not '" + value + "'");
        }
        return duration;
    }

    /** An error naming {@code attribute}'s key; for connector-specific checks. */
    public IllegalArgumentException invalid(String attribute, String problem) {
        return new IllegalArgumentException(direction.key(channel, attribute) + " " + problem);
    }
}
