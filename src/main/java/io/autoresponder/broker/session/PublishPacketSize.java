package io.autoresponder.broker.session;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;

import io.autoresponder.broker.connection.TopicLimits;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;

/**
 * The encoded size of a PUBLISH as the broker writes it (MQTT 3.1.1 section 3.3, MQTT 5.0 section 3.3), to hold
 * it against the Maximum Packet Size a client announced (MQTT 5.0 section 3.1.2.11.4). Exact rather than
 * estimated: a client with a small maximum must still get every message that fits [MQTT-3.1.2-25].
 */
final class PublishPacketSize {

    private PublishPacketSize() {
    }

    /** Bytes on the wire for {@code publication} sent as {@code route}, with MQTT 5 properties when {@code mqtt5}. */
    static long of(Publication publication, Route route, boolean mqtt5) {
        long variableHeader = 2L + TopicLimits.utf8Length(publication.topic())
                + (route.qos() == MqttQoS.AT_MOST_ONCE ? 0 : 2);
        if (mqtt5) {
            long properties = propertiesLength(publication.properties());
            for (int id : route.subscriptionIds()) {
                properties += 1 + variableIntLength(id);
            }
            variableHeader += variableIntLength(properties) + properties;
        }
        long remaining = variableHeader + publication.payload().length();
        return 1 + variableIntLength(remaining) + remaining;
    }

    private static long propertiesLength(MqttProperties properties) {
        long length = 0;
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            length += 1 + valueLength(property); // every identifier fits in one byte
        }
        return length;
    }

    // Value sizes by data type, MQTT 5.0 section 2.2.2.2.
    private static long valueLength(MqttProperties.MqttProperty<?> property) {
        if (property instanceof MqttProperties.StringProperty string) {
            return 2L + TopicLimits.utf8Length(string.value());
        }
        if (property instanceof MqttProperties.BinaryProperty binary) {
            return 2L + binary.value().length;
        }
        if (property instanceof MqttProperties.UserProperties pairs) {
            long length = -1; // the first pair's identifier is counted by the caller
            for (MqttProperties.StringPair pair : pairs.value()) {
                length += 1 + 2 + TopicLimits.utf8Length(pair.key) + 2 + TopicLimits.utf8Length(pair.value);
            }
            return length;
        }
        if (property instanceof MqttProperties.UserProperty pair) {
            return 2L + TopicLimits.utf8Length(pair.value().key) + 2 + TopicLimits.utf8Length(pair.value().value);
        }
        int value = ((MqttProperties.IntegerProperty) property).value();
        return switch (property.propertyId()) {
            case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> 1;
            case 0x13, 0x21, 0x22, 0x23 -> 2;
            case 0x0B -> variableIntLength(value);
            default -> 4;
        };
    }

    private static int variableIntLength(long value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        return value < 2_097_152 ? 3 : 4;
    }
}
