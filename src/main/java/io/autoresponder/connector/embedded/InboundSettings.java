package io.autoresponder.connector.embedded;

import java.util.Set;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Attributes of one incoming channel of the in-process connector.
 *
 * @param channel    channel name
 * @param filters    topic filters at start, wildcards and {@code $share/group/filter} allowed: the channel's
 *                   {@code topic}, or those of its {@code topics-from} source
 * @param qos        granted QoS of the subscription
 * @param bufferSize QoS 0 messages queued while the handler is busy; more are dropped and counted
 * @param maxPending QoS 1/2 messages queued; more are refused (MQTT 5 publishers get reason 0x97)
 */
record InboundSettings(String channel, Set<String> filters, MqttQoS qos, int bufferSize, int maxPending) {

    InboundSettings {
        filters = Set.copyOf(filters);
    }
}
