package io.autoresponder.broker;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;

/**
 * One application message as the broker routes it: the same model for MQTT 3.1.1 and 5.0.
 * Wire state (packet identifier, DUP, topic alias) is kept by the connection, never here.
 *
 * @param topic      topic name, already validated
 * @param payload    message payload (may be empty)
 * @param qos        QoS the message was published with
 * @param retain     retain flag as published
 * @param properties MQTT 5 application properties (response topic, correlation data, user properties,
 *                   content type, payload format, message expiry); empty for MQTT 3.1.1 publishers
 * @param origin     client identifier of the publisher, or null for in-process publishers
 */
public record Publication(String topic, Buffer payload, MqttQoS qos, boolean retain, MqttProperties properties,
        String origin) {

    /** Same message with another retain flag (retained copies are delivered with retain set, live ones without). */
    public Publication withRetain(boolean value) {
        return value == retain ? this : new Publication(topic, payload, qos, value, properties, origin);
    }

    /** A retained message with an empty payload removes the retained message of its topic [MQTT-3.3.1-10]. */
    boolean clearsRetained() {
        return retain && payload.length() == 0;
    }
}
