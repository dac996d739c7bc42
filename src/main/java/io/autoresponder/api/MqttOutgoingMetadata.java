package io.autoresponder.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-message choices for a reply, overriding the outgoing channel's configuration:
 * {@code Message.of(reply).addMetadata(MqttOutgoingMetadata.builder().topic("replies/42").qos(2).build())}.
 * Absent values fall back to the channel's {@code topic}, {@code qos} and {@code retain} attributes.
 *
 * @param topic           topic to publish to
 * @param qos             QoS 0, 1 or 2
 * @param retain          retain flag
 * @param responseTopic   MQTT 5 response topic
 * @param correlationData MQTT 5 correlation data
 * @param contentType     MQTT 5 content type
 * @param userProperties  MQTT 5 user properties
 */
public record MqttOutgoingMetadata(Optional<String> topic, Optional<Integer> qos, Optional<Boolean> retain,
        Optional<String> responseTopic, Optional<byte[]> correlationData, Optional<String> contentType,
        List<Map.Entry<String, String>> userProperties) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MqttOutgoingMetadata}; every value is optional. */
    public static final class Builder {
        private String topic;
        private Integer qos;
        private Boolean retain;
        private String responseTopic;
        private byte[] correlationData;
        private String contentType;
        private final List<Map.Entry<String, String>> userProperties = new ArrayList<>();

        public Builder topic(String value) {
            topic = value;
            return this;
        }

        public Builder qos(int value) {
            if (value < 0 || value > 2) {
                throw new IllegalArgumentException("QoS must be 0, 1 or 2, not " + value);
            }
            qos = value;
            return this;
        }

        public Builder retain(boolean value) {
            retain = value;
            return this;
        }

        public Builder responseTopic(String value) {
            responseTopic = value;
            return this;
        }

        public Builder correlationData(byte[] value) {
            correlationData = value;
            return this;
        }

        public Builder contentType(String value) {
            contentType = value;
            return this;
        }

        public Builder userProperty(String name, String value) {
            userProperties.add(Map.entry(name, value));
            return this;
        }

        public MqttOutgoingMetadata build() {
            return new MqttOutgoingMetadata(Optional.ofNullable(topic), Optional.ofNullable(qos),
                    Optional.ofNullable(retain), Optional.ofNullable(responseTopic),
                    Optional.ofNullable(correlationData), Optional.ofNullable(contentType), List.copyOf(userProperties));
        }
    }
}
