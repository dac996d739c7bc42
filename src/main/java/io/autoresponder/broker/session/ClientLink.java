package io.autoresponder.broker.session;

import io.vertx.mqtt.MqttEndpoint;

/**
 * The network side of a session while its client is connected: where its outbound messages are written, and
 * the limits that client announced in CONNECT.
 *
 * @param endpoint          the client's connection
 * @param mqtt5             whether it speaks MQTT 5 (properties are sent) or 3.1.1
 * @param receiveMaximum    QoS 1/2 messages it accepts unacknowledged (MQTT 5.0 section 3.1.2.11.3)
 * @param maximumPacketSize largest packet it accepts (MQTT 5.0 section 3.1.2.11.4)
 * @param topicAliases      the topic aliases sent to it, or null when none are (MQTT 3.1.1, a client that takes
 *                          none, or {@code autoresponder.broker.outbound-topic-alias-maximum=0})
 */
public record ClientLink(MqttEndpoint endpoint, boolean mqtt5, int receiveMaximum, long maximumPacketSize,
        OutboundTopicAliases topicAliases) {
}
