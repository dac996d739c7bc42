package io.autoresponder.broker.connection;

import java.util.UUID;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.session.SessionStore;

/**
 * What the broker answers to a CONNECT: the client identifier to use (assigned when the client sent none)
 * and the CONNACK properties to send. Session present comes from the {@link SessionStore}.
 *
 * @param clientId   identifier of the session, or null when refused
 * @param assigned   whether the broker chose the identifier
 * @param refusal    CONNACK return code when refused, else null
 */
public record ConnectDecision(String clientId, boolean assigned, MqttConnectReturnCode refusal) {

    public static final int MQTT_5 = 5;

    static ConnectDecision decide(String requestedId, boolean cleanSession, int protocolVersion) {
        if (requestedId != null && !requestedId.isEmpty()) {
            return new ConnectDecision(requestedId, false, null);
        }
        if (protocolVersion < MQTT_5 && !cleanSession) {
            // An empty identifier needs clean session in 3.1.1 [MQTT-3.1.3-8].
            return new ConnectDecision(null, false, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
        }
        // [MQTT-3.1.3-6] (3.1.1) and the Assigned Client Identifier of MQTT 5.0 section 3.2.2.3.7.
        return new ConnectDecision("auto-" + UUID.randomUUID(), true, null);
    }

    boolean refused() {
        return refusal != null;
    }

    /** CONNACK properties for MQTT 5 clients: what this broker supports and its limits. */
    MqttProperties connackProperties(BrokerConfig config) {
        MqttProperties properties = new MqttProperties();
        if (assigned) {
            properties.add(new MqttProperties.StringProperty(
                    MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), clientId));
        }
        properties.add(new MqttProperties.IntegerProperty(
                MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), config.maxMessageSize()));
        properties.add(new MqttProperties.IntegerProperty(
                MqttPropertyType.RECEIVE_MAXIMUM.value(), config.receiveMaximum()));
        properties.add(new MqttProperties.IntegerProperty(
                MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 1));
        if (config.topicAliasMaximum() > 0) {
            // Absent means 0: the client must not send aliases (MQTT 5.0 section 3.2.2.3.8).
            properties.add(new MqttProperties.IntegerProperty(
                    MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), config.topicAliasMaximum()));
        }
        return properties;
    }
}
