package io.autoresponder.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler can know about the MQTT message behind a request, whatever connector delivered it:
 * {@code message.getMetadata(MqttIncomingMetadata.class)}.
 *
 * @param topic            topic the message was published to
 * @param qos              QoS it was delivered with (0, 1 or 2)
 * @param retain           whether it is a retained message delivered on subscription
 * @param dup              whether it may be a re-delivery
 * @param responseTopic    MQTT 5 response topic, if the requester set one
 * @param correlationData  MQTT 5 correlation data, if the requester set it
 * @param contentType      MQTT 5 content type, if set
 * @param userProperties   MQTT 5 user properties in order (a name may repeat)
 * @param publisherId      client identifier of the publisher, when the broker knows it
 */
public record MqttIncomingMetadata(String topic, int qos, boolean retain, boolean dup, Optional<String> responseTopic,
        Optional<byte[]> correlationData, Optional<String> contentType, List<Map.Entry<String, String>> userProperties,
        Optional<String> publisherId) {
}
