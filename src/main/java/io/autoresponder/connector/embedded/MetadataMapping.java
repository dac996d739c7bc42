package io.autoresponder.connector.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;
import io.autoresponder.broker.routing.Publication;

/** Between the broker's publication model and the metadata types handlers see. */
final class MetadataMapping {

    private MetadataMapping() {
    }

    static MqttIncomingMetadata incoming(Publication publication, MqttQoS qos) {
        MqttProperties properties = publication.properties();
        List<Map.Entry<String, String>> userProperties = new ArrayList<>();
        MqttProperties.UserProperties users = (MqttProperties.UserProperties) properties
                .getProperty(MqttPropertyType.USER_PROPERTY.value());
        if (users != null) {
            for (MqttProperties.StringPair pair : users.value()) {
                userProperties.add(Map.entry(pair.key, pair.value));
            }
        }
        return new MqttIncomingMetadata(publication.topic(), qos.value(), publication.retain(), false,
                string(properties, MqttPropertyType.RESPONSE_TOPIC),
                Optional.ofNullable((byte[]) value(properties, MqttPropertyType.CORRELATION_DATA)),
                string(properties, MqttPropertyType.CONTENT_TYPE), List.copyOf(userProperties),
                Optional.ofNullable(publication.origin()));
    }

    /** MQTT 5 properties of a reply: {@code correlationData} from its {@link io.autoresponder.responder.ReplyAddress}. */
    static MqttProperties outgoing(MqttOutgoingMetadata metadata, Optional<byte[]> correlationData) {
        MqttProperties properties = new MqttProperties();
        correlationData.ifPresent(data -> properties
                .add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(), data)));
        if (metadata == null) {
            return properties.isEmpty() ? MqttProperties.NO_PROPERTIES : properties;
        }
        metadata.responseTopic().ifPresent(topic -> properties
                .add(new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), topic)));
        metadata.contentType().ifPresent(type -> properties
                .add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), type)));
        if (!metadata.userProperties().isEmpty()) {
            MqttProperties.UserProperties users = new MqttProperties.UserProperties();
            metadata.userProperties().forEach(entry -> users.add(entry.getKey(), entry.getValue()));
            properties.add(users);
        }
        return properties.isEmpty() ? MqttProperties.NO_PROPERTIES : properties;
    }

    private static Optional<String> string(MqttProperties properties, MqttPropertyType type) {
        return Optional.ofNullable((String) value(properties, type));
    }

    private static Object value(MqttProperties properties, MqttPropertyType type) {
        MqttProperties.MqttProperty<?> property = properties.getProperty(type.value());
        return property == null ? null : property.value();
    }
}
