package io.autoresponder.broker.connection;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttWill;

import io.autoresponder.broker.routing.Publication;
import io.autoresponder.mqtt.Topics;

/**
 * A client's will message (MQTT 3.1.1 section 3.1.2.5, MQTT 5.0 section 3.1.3.2), as CONNECT gave it.
 *
 * @param delaySeconds MQTT 5 will delay interval: how long after the connection is lost it is published,
 *                     unless the client reconnects first or the session ends first [MQTT-3.1.3-9]
 */
public record Will(String topic, Buffer payload, MqttQoS qos, boolean retain, MqttProperties properties, String origin,
        long delaySeconds) {

    /** The will of a CONNECT, or null when it has none (or its topic is invalid). */
    static Will of(MqttWill will, String clientId) {
        if (will == null || !will.isWillFlag() || Topics.nameError(will.getWillTopic()) != null) {
            return null;
        }
        Buffer payload = will.getWillMessage() == null ? Buffer.buffer() : will.getWillMessage();
        MqttProperties received = will.getWillProperties();
        MqttProperties.MqttProperty<?> delay = received == null ? null
                : received.getProperty(MqttPropertyType.WILL_DELAY_INTERVAL.value());
        long delaySeconds = delay == null ? 0 : Integer.toUnsignedLong((Integer) delay.value());
        return new Will(will.getWillTopic(), payload, MqttQoS.valueOf(will.getWillQos()), will.isWillRetain(),
                ApplicationProperties.of(received), clientId, delaySeconds);
    }

    /** The message to publish at {@code nowNanos}: its message expiry interval starts when it is published. */
    public Publication publication(long nowNanos) {
        return new Publication(topic, payload, qos, retain, properties, origin,
                Publication.expiryOf(properties, nowNanos));
    }
}
