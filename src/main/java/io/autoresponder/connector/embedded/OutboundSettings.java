package io.autoresponder.connector.embedded;

import io.autoresponder.responder.OutgoingReply;

/**
 * Attributes of one outgoing channel of the in-process connector; per-message
 * {@link io.autoresponder.api.MqttOutgoingMetadata} overrides them.
 *
 * @param channel channel name
 * @param topic   default topic
 * @param qos     default QoS
 * @param retain  default retain flag
 */
record OutboundSettings(String channel, String topic, int qos, boolean retain) implements OutgoingReply.ChannelDefaults {
}
