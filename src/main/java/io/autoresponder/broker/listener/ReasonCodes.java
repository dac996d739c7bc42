package io.autoresponder.broker.listener;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubCompReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRelReasonCode;

/** Whether a client's PUBACK, PUBREC, PUBREL, PUBCOMP or DISCONNECT carries a reason code its packet type defines. */
final class ReasonCodes {

    private ReasonCodes() {
    }

    static boolean known(MqttMessage packet) {
        try {
            if (packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader reply) {
                byte code = (byte) reply.reasonCode();
                switch (packet.fixedHeader().messageType()) {
                    case PUBACK -> MqttPubAckReasonCode.valueOf(code);
                    case PUBREC -> MqttPubRecReasonCode.valueOf(code);
                    case PUBREL -> MqttPubRelReasonCode.valueOf(code);
                    case PUBCOMP -> MqttPubCompReasonCode.valueOf(code);
                    default -> {
                        // no other packet has this header
                    }
                }
            } else if (packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader disconnect) {
                MqttDisconnectReasonCode.valueOf((byte) disconnect.reasonCode());
            }
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
