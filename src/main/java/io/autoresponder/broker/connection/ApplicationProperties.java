package io.autoresponder.broker.connection;

import java.util.Set;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/**
 * The MQTT 5 PUBLISH properties that belong to the application message and travel with it from publisher to
 * subscribers (MQTT 5.0 section 3.3.2.3). Per-hop properties (topic alias, subscription identifier) are dropped.
 */
final class ApplicationProperties {

    private static final Set<Integer> FORWARDED = Set.of(
            MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(),
            MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
            MqttPropertyType.CONTENT_TYPE.value(),
            MqttPropertyType.RESPONSE_TOPIC.value(),
            MqttPropertyType.CORRELATION_DATA.value(),
            MqttPropertyType.USER_PROPERTY.value());

    private ApplicationProperties() {
    }

    static MqttProperties of(MqttProperties received) {
        if (received == null || received.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties forwarded = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : received.listAll()) {
            if (FORWARDED.contains(property.propertyId())) {
                forwarded.add(property);
            }
        }
        return forwarded;
    }
}
