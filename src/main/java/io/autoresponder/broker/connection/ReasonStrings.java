package io.autoresponder.broker.connection;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/**
 * Reason Strings (MQTT 5 property 0x1F): a human-readable "why" next to the reason code of a refusal. Per client:
 * with Request Problem Information 0 in CONNECT they go on CONNACK and DISCONNECT only [MQTT-3.1.2-29]; never to
 * MQTT 3.1.1 clients, whose packets have no properties; never when the packet would exceed the client's Maximum
 * Packet Size (e.g. [MQTT-3.2.2-19], [MQTT-3.4.2-2]).
 */
final class ReasonStrings {

    /** Longest reason string sent, in characters: a diagnostic line, not a document. */
    static final int MAX_LENGTH = 200;
    /** Bytes of a refusal packet besides its reason string, generously: fixed header, ids, codes, other properties. */
    private static final int PACKET_HEADROOM = 128;

    private final boolean mqtt5;
    private final boolean problemInformationRequested;
    private final long clientMaximumPacketSize;

    private ReasonStrings(boolean mqtt5, boolean problemInformationRequested, long clientMaximumPacketSize) {
        this.mqtt5 = mqtt5;
        this.problemInformationRequested = problemInformationRequested;
        this.clientMaximumPacketSize = clientMaximumPacketSize;
    }

    /** For a client that sent a CONNECT with {@code protocolVersion} and {@code connectProperties}. */
    static ReasonStrings of(int protocolVersion, MqttProperties connectProperties) {
        if (protocolVersion < ConnectDecision.MQTT_5) {
            return new ReasonStrings(false, false, 0);
        }
        MqttProperties.MqttProperty<?> request = connectProperties == null ? null
                : connectProperties.getProperty(MqttPropertyType.REQUEST_PROBLEM_INFORMATION.value());
        MqttProperties.MqttProperty<?> maximum = connectProperties == null ? null
                : connectProperties.getProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value());
        // Absent means 1: problem information is sent unless the client opts out (MQTT 5.0 section 3.1.2.11.7).
        boolean requested = request == null || ((Integer) request.value()) != 0;
        long maximumPacketSize = maximum == null ? Long.MAX_VALUE : Integer.toUnsignedLong((Integer) maximum.value());
        return new ReasonStrings(true, requested, maximumPacketSize);
    }

    /** Properties for a CONNACK refusal or a server DISCONNECT: a reason string for any MQTT 5 client. */
    MqttProperties onConnackOrDisconnect(String reason) {
        return mqtt5 ? properties(reason) : MqttProperties.NO_PROPERTIES;
    }

    /** Properties for a PUBACK, PUBREC or SUBACK carrying an error: a reason string if the client wants one. */
    MqttProperties onAcknowledgement(String reason) {
        return mqtt5 && problemInformationRequested ? properties(reason) : MqttProperties.NO_PROPERTIES;
    }

    private MqttProperties properties(String reason) {
        if (reason == null || reason.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        String text = clean(reason);
        if (3L + TopicLimits.utf8Length(text) + PACKET_HEADROOM > clientMaximumPacketSize) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttPropertyType.REASON_STRING.value(), text));
        return properties;
    }

    /**
     * Cut to {@link #MAX_LENGTH} and made a valid MQTT UTF-8 string: a reason may quote a client's invalid topic,
     * and control characters, U+0000 and unpaired surrogates are not allowed [MQTT-1.5.4-1, MQTT-1.5.4-2].
     */
    static String clean(String reason) {
        int length = Math.min(reason.length(), MAX_LENGTH);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = reason.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(reason.charAt(i + 1));
            if (pairedHigh) {
                text.append(c).append(reason.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) || c == '\uFFFD') {
                text.append('?');
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
