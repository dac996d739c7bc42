package io.autoresponder.compat;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageFactory;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.vertx.core.net.impl.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;

/**
 * Answers a client's DISCONNECT with the server's own DISCONNECT (MQTT 5), from within the endpoint's DISCONNECT
 * handler. {@code MqttEndpoint.disconnect} would close the endpoint, and Vert.x MQTT closes it again after the
 * handler, which throws; so the packet is written on the endpoint's socket ({@code MqttEndpointImpl.conn}, the
 * field {@link PubRecWithReason} checks at start) and Vert.x's own close follows.
 */
public final class DisconnectReply {

    private DisconnectReply() {
    }

    public static void send(MqttEndpoint endpoint, MqttDisconnectReasonCode code, MqttProperties properties) {
        MqttMessage disconnect = MqttMessageFactory.newMessage(
                new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader(code.value(), properties), null);
        ((NetSocketInternal) PubRecWithReason.SOCKET.get(endpoint)).writeMessage(disconnect);
    }
}
