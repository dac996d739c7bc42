package io.autoresponder.broker;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Who subscribed to which topic filter, at which granted QoS. Safe for concurrent use.
 * Exact filters are found by hash; only wildcard filters are matched one by one.
 */
final class SubscriptionTable {

    private final Map<String, Map<Subscriber, MqttQoS>> exact = new ConcurrentHashMap<>();
    private final Map<String, Map<Subscriber, MqttQoS>> wildcard = new ConcurrentHashMap<>();

    /** Adds or replaces a subscription; a repeated filter replaces the earlier one [MQTT-3.8.4-3]. */
    void subscribe(Subscriber subscriber, String filter, MqttQoS qos) {
        tableFor(filter).computeIfAbsent(filter, f -> new ConcurrentHashMap<>()).put(subscriber, qos);
    }

    /** Removes one subscription; returns whether it existed. */
    boolean unsubscribe(Subscriber subscriber, String filter) {
        Map<String, Map<Subscriber, MqttQoS>> table = tableFor(filter);
        boolean[] removed = new boolean[1];
        table.computeIfPresent(filter, (f, subscribers) -> {
            removed[0] = subscribers.remove(subscriber) != null;
            return subscribers.isEmpty() ? null : subscribers;
        });
        return removed[0];
    }

    /** Removes every subscription of a subscriber (connection closed). */
    void unsubscribeAll(Subscriber subscriber) {
        for (Map<String, Map<Subscriber, MqttQoS>> table : java.util.List.of(exact, wildcard)) {
            for (String filter : table.keySet()) {
                unsubscribe(subscriber, filter);
            }
        }
    }

    /**
     * Subscribers whose filters match {@code topic}, each once at the highest QoS among its matching
     * subscriptions (MQTT 3.1.1 section 3.3.5: overlapping subscriptions deliver one copy).
     */
    Map<Subscriber, MqttQoS> matching(String topic) {
        Map<Subscriber, MqttQoS> result = new HashMap<>();
        Map<Subscriber, MqttQoS> direct = exact.get(topic);
        if (direct != null) {
            result.putAll(direct);
        }
        for (Map.Entry<String, Map<Subscriber, MqttQoS>> entry : wildcard.entrySet()) {
            if (Topics.matches(entry.getKey(), topic)) {
                entry.getValue().forEach((subscriber, qos) -> result.merge(subscriber, qos, SubscriptionTable::higher));
            }
        }
        return result;
    }

    /** Number of distinct (filter, subscriber) pairs. */
    int size() {
        int size = 0;
        for (Map<Subscriber, MqttQoS> subscribers : exact.values()) {
            size += subscribers.size();
        }
        for (Map<Subscriber, MqttQoS> subscribers : wildcard.values()) {
            size += subscribers.size();
        }
        return size;
    }

    private Map<String, Map<Subscriber, MqttQoS>> tableFor(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0 ? wildcard : exact;
    }

    private static MqttQoS higher(MqttQoS a, MqttQoS b) {
        return a.value() >= b.value() ? a : b;
    }
}
