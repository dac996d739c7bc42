package io.autoresponder.broker.routing;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;

import io.autoresponder.broker.session.OutboundFlow;

/**
 * One application message as the broker routes it: the same model for MQTT 3.1.1 and 5.0.
 * Wire state (packet identifier, DUP, topic alias) is kept by the session's {@link OutboundFlow}, never here.
 *
 * @param topic      topic name, already validated
 * @param payload    message payload (may be empty)
 * @param qos        QoS the message was published with
 * @param retain     retain flag as published
 * @param properties MQTT 5 application properties (response topic, correlation data, user properties,
 *                   content type, payload format, message expiry); empty for MQTT 3.1.1 publishers
 * @param origin     client identifier of the publisher, or null for in-process publishers
 * @param expiresAt  {@link System#nanoTime()} after which the message is not delivered any more (MQTT 5 message
 *                   expiry interval), or {@link #NEVER}
 */
public record Publication(String topic, Buffer payload, MqttQoS qos, boolean retain, MqttProperties properties,
        String origin, long expiresAt) {

    /** {@link #expiresAt} of a message without expiry. */
    public static final long NEVER = Long.MAX_VALUE;

    /** A message without expiry. */
    public Publication(String topic, Buffer payload, MqttQoS qos, boolean retain, MqttProperties properties,
            String origin) {
        this(topic, payload, qos, retain, properties, origin, NEVER);
    }

    /** Same message with another retain flag (retained copies are delivered with retain set, live ones without). */
    public Publication withRetain(boolean value) {
        return value == retain ? this : new Publication(topic, payload, qos, value, properties, origin, expiresAt);
    }

    /** Whether the message expired by {@code nowNanos} [MQTT-3.3.2-5]. */
    public boolean isExpired(long nowNanos) {
        return expiresAt != NEVER && nowNanos - expiresAt >= 0;
    }

    /**
     * The properties to send at {@code nowNanos}: the expiry interval counts down to what is left [MQTT-3.3.2-6].
     */
    public MqttProperties propertiesAt(long nowNanos) {
        if (expiresAt == NEVER) {
            return properties;
        }
        long remaining = Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(expiresAt - nowNanos + 999_999_999L));
        MqttProperties updated = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            if (property.propertyId() != MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value()) {
                updated.add(property);
            }
        }
        updated.add(new MqttProperties.IntegerProperty(
                MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), (int) Math.min(remaining, Integer.MAX_VALUE)));
        return updated;
    }

    /** When a message received now with these properties expires: {@link #NEVER} without an expiry interval. */
    public static long expiryOf(MqttProperties properties, long nowNanos) {
        MqttProperties.MqttProperty<?> interval = properties.getProperty(
                MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value());
        if (interval == null) {
            return NEVER;
        }
        long seconds = Integer.toUnsignedLong((Integer) interval.value());
        return nowNanos + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
    }

    /** A retained message with an empty payload removes the retained message of its topic [MQTT-3.3.1-10]. */
    boolean clearsRetained() {
        return retain && payload.length() == 0;
    }
}
