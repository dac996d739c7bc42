package io.autoresponder.responder;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.vertx.core.buffer.Buffer;

import io.autoresponder.api.MqttOutgoingMetadata;
import io.autoresponder.mqtt.Topics;

/**
 * A reply as every outgoing connector publishes it: its address ({@link ReplyAddress}), its QoS and retain flag
 * (per-message {@link MqttOutgoingMetadata} over the channel's configuration), and its payload encoded once
 * ({@link PayloadEncoder}). Connectors only translate it to their client's publish.
 *
 * @param topic           topic to publish to, a valid topic name
 * @param qos             0, 1 or 2
 * @param retain          retain flag
 * @param payload         the encoded payload
 * @param correlationData MQTT 5 correlation data to send
 * @param metadata        the handler's per-message choices, if any (content type, user properties, ...)
 */
public record OutgoingReply(String topic, int qos, boolean retain, Buffer payload, Optional<byte[]> correlationData,
        Optional<MqttOutgoingMetadata> metadata) {

    /**
     * Resolves {@code message} on an outgoing channel configured with {@code channel}'s topic, QoS and retain flag.
     *
     * @throws IllegalArgumentException when the resolved topic is not a valid topic name [MQTT-4.7.3-1]
     * @throws java.io.IOException      when the payload cannot be encoded
     */
    public static OutgoingReply of(Message<?> message, ChannelDefaults channel, PayloadEncoder encoder)
            throws java.io.IOException {
        Optional<MqttOutgoingMetadata> metadata = message.getMetadata(MqttOutgoingMetadata.class);
        ReplyAddress address = ReplyAddress.of(message, metadata, channel.topic());
        String topicError = Topics.nameError(address.topic());
        if (topicError != null) {
            throw new IllegalArgumentException("channel " + channel.channel() + ": " + topicError);
        }
        int qos = metadata.flatMap(MqttOutgoingMetadata::qos).orElse(channel.qos());
        boolean retain = metadata.flatMap(MqttOutgoingMetadata::retain).orElse(channel.retain());
        Buffer payload = encoder.encode(message.getPayload(), address.correlationId());
        return new OutgoingReply(address.topic(), qos, retain, payload, address.correlationData(), metadata);
    }

    /** What an outgoing channel's configuration says for messages that do not choose for themselves. */
    public interface ChannelDefaults {

        /** The channel's name, for error messages. */
        String channel();

        /** The configured topic. */
        String topic();

        /** The configured QoS, 0..2. */
        int qos();

        /** The configured retain flag. */
        boolean retain();
    }
}
