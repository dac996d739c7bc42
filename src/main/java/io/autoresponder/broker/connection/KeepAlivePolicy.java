package io.autoresponder.broker.connection;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/**
 * The keep-alive a client is held to: its own (MQTT 3.1.1 section 3.1.2.10), or the configured maximum
 * ({@code autoresponder.broker.max-keep-alive}) when it asks for more or for none. An MQTT 5 client learns the
 * maximum from CONNACK's Server Keep Alive and must use it [MQTT-3.2.2-21]; an MQTT 3.1.1 client cannot be told,
 * so it is refused, as Mosquitto's {@code max_keepalive} does.
 *
 * @param requested seconds the client asked for in CONNECT (0: no keep-alive)
 * @param effective seconds the broker holds the client to (0: never timed out)
 * @param refused   whether the CONNECT is refused (MQTT 3.1.1 beyond the maximum)
 */
record KeepAlivePolicy(int requested, int effective, boolean refused) {

    /** {@code maximum} 0 means none. */
    static KeepAlivePolicy decide(int requested, int maximum, boolean mqtt5) {
        boolean beyond = maximum > 0 && (requested == 0 || requested > maximum);
        if (!beyond) {
            return new KeepAlivePolicy(requested, requested, false);
        }
        return new KeepAlivePolicy(requested, maximum, !mqtt5);
    }

    /**
     * Whether the broker must watch the client itself: Vert.x times a client out after 1.5 times the keep-alive it
     * asked for, which is later than (or, for 0, instead of) the shorter one the broker imposes.
     */
    boolean overridden() {
        return effective != requested;
    }

    /** Adds Server Keep Alive (MQTT 5.0 section 3.2.2.3.14) to CONNACK properties when the client's value changed. */
    MqttProperties addTo(MqttProperties connack) {
        if (overridden()) {
            connack.add(new MqttProperties.IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(), effective));
        }
        return connack;
    }
}
