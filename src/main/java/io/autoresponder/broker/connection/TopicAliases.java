package io.autoresponder.broker.connection;

import java.util.HashMap;
import java.util.Map;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;

/**
 * The inbound topic aliases of one MQTT 5 connection (MQTT 5.0 section 3.3.2.3.4): a PUBLISH with a topic name
 * and a Topic Alias sets the alias; a later PUBLISH with an empty topic name and that alias means that topic.
 * Aliases run from 1 to the Topic Alias Maximum the broker sent in CONNACK, so the map holds at most that many
 * topics; it lives and dies with the connection [MQTT-3.3.2-7]. Vert.x and Netty pass the alias through
 * unresolved, so this is where it is resolved. Used on the connection's event loop only.
 */
final class TopicAliases {

    /**
     * The topic a PUBLISH is for, or why the connection must be closed.
     *
     * @param topic  the resolved topic name, or null on error
     * @param error  the DISCONNECT reason code on error, else null
     * @param reason what was wrong, for the reason string and the log
     */
    record Resolution(String topic, MqttDisconnectReasonCode error, String reason) {

        static Resolution of(String topic) {
            return new Resolution(topic, null, null);
        }

        static Resolution failed(MqttDisconnectReasonCode error, String reason) {
            return new Resolution(null, error, reason);
        }

        boolean failed() {
            return error != null;
        }
    }

    private final int maximum;
    private final Map<Integer, String> topics = new HashMap<>();

    TopicAliases(int maximum) {
        this.maximum = maximum;
    }

    /** Resolves the topic of an MQTT 5 PUBLISH with {@code topicName} and {@code properties}. */
    Resolution resolve(String topicName, MqttProperties properties) {
        MqttProperties.MqttProperty<?> property = properties == null ? null
                : properties.getProperty(MqttPropertyType.TOPIC_ALIAS.value());
        boolean emptyName = topicName == null || topicName.isEmpty();
        if (property == null) {
            return emptyName
                    ? Resolution.failed(MqttDisconnectReasonCode.PROTOCOL_ERROR,
                            "empty topic name without a topic alias (MQTT 5.0 section 3.3.2.1)")
                    : Resolution.of(topicName);
        }
        int alias = (Integer) property.value();
        if (alias == 0 || alias > maximum) {
            // [MQTT-3.3.2-8] forbids 0, [MQTT-3.3.2-9] more than the CONNACK's Topic Alias Maximum.
            return Resolution.failed(MqttDisconnectReasonCode.TOPIC_ALIAS_INVALID, maximum == 0
                    ? "topic alias " + alias + " sent but topic aliases are off (Topic Alias Maximum 0)"
                    : "topic alias " + alias + " outside 1.." + maximum + " [MQTT-3.3.2-8, MQTT-3.3.2-9]");
        }
        if (!emptyName) {
            topics.put(alias, topicName);
            return Resolution.of(topicName);
        }
        String topic = topics.get(alias);
        return topic != null ? Resolution.of(topic)
                : Resolution.failed(MqttDisconnectReasonCode.PROTOCOL_ERROR,
                        "topic alias " + alias + " has no topic on this connection (MQTT 5.0 section 3.3.2.3.4)");
    }

    /** Aliases set up so far. */
    int size() {
        return topics.size();
    }
}
