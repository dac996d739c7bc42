package io.autoresponder.connector.mqtt;

import io.autoresponder.responder.OutgoingReply;

/**
 * Attributes of one outgoing channel of the {@value MqttConnector#NAME} connector; per-message
 * {@link io.autoresponder.api.MqttOutgoingMetadata} and a request's response topic override them.
 *
 * @param channel     channel name
 * @param topic       default topic
 * @param qos         default QoS
 * @param retain      default retain flag
 * @param maxInflight messages being published at once; more wait upstream
 */
record MqttOutboundSettings(String channel, String topic, int qos, boolean retain, int maxInflight)
        implements OutgoingReply.ChannelDefaults {
}
