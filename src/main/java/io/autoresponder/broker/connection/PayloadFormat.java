package io.autoresponder.broker.connection;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.vertx.core.buffer.Buffer;

/** The MQTT 5 payload format indicator: 1 declares the payload UTF-8 text (MQTT 5.0 section 3.3.2.3.2). */
final class PayloadFormat {

    private PayloadFormat() {
    }

    static boolean declaresUtf8(MqttProperties properties) {
        MqttProperties.MqttProperty<?> indicator = properties == null ? null
                : properties.getProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value());
        return indicator != null && Integer.valueOf(1).equals(indicator.value());
    }

    /** Whether the payload is well-formed UTF-8 (no overlong forms, no surrogates) [MQTT-1.5.4-1]. */
    static boolean isUtf8(Buffer payload) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload.getBytes()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
