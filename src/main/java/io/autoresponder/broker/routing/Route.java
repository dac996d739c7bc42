package io.autoresponder.broker.routing;

import java.util.List;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * How one copy of a message reaches one subscriber: routing facts the subscriber needs besides the message.
 *
 * @param qos             delivery QoS: the lower of the published and the granted QoS [MQTT-3.8.4-6]
 * @param via             the shared group that chose this subscriber, or null for its own subscriptions; a
 *                        message still unreceived when a session ends goes back to it (MQTT 5.0 section 4.8.2)
 * @param subscriptionIds MQTT 5 subscription identifiers of every matching subscription of this subscriber,
 *                        sent with the PUBLISH [MQTT-3.3.4-3]; empty when none had one
 */
public record Route(MqttQoS qos, SharedGroup via, List<Integer> subscriptionIds) {

    /** A copy with only a QoS: no shared group, no subscription identifier. */
    public static Route of(MqttQoS qos) {
        return new Route(qos, null, List.of());
    }

    /** The identifiers of one subscription: none for 0 (no identifier). */
    static List<Integer> idsOf(int subscriptionId) {
        return subscriptionId == 0 ? List.of() : List.of(subscriptionId);
    }
}
