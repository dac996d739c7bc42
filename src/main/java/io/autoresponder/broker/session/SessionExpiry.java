package io.autoresponder.broker.session;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

import io.autoresponder.broker.connection.ConnectDecision;

/**
 * How long a session outlives its connection, in seconds (MQTT 5.0 section 3.1.2.11.2): 0 ends it with the
 * connection. MQTT 3.1.1 has no interval: clean session 0 keeps the session "until a clean connect", which
 * this broker bounds by {@code autoresponder.broker.max-session-expiry} like an MQTT 5 client asking for
 * "never" (0xFFFFFFFF).
 */
public final class SessionExpiry {

    private SessionExpiry() {
    }

    /** The interval a CONNECT asks for, before the server maximum. */
    public static long requested(int protocolVersion, boolean cleanSession, MqttProperties connectProperties) {
        if (protocolVersion < ConnectDecision.MQTT_5) {
            return cleanSession ? 0 : Long.MAX_VALUE;
        }
        Long interval = interval(connectProperties);
        return interval == null ? 0 : interval;
    }

    /** The interval of a DISCONNECT that changes it, or null when it carries none. */
    public static Long interval(MqttProperties properties) {
        MqttProperties.MqttProperty<?> property = properties == null ? null
                : properties.getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
        return property == null ? null : Integer.toUnsignedLong((Integer) property.value());
    }

    /** {@code requested} bounded by the server maximum. */
    public static long granted(long requested, long maxSeconds) {
        return Math.min(requested, maxSeconds);
    }
}
