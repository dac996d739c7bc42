package io.autoresponder.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;

/**
 * Who subscribed to which topic filter, at which granted QoS. Safe for concurrent use.
 * Exact filters are found by hash; wildcard filters and shared groups are matched one by one.
 */
final class SubscriptionTable {

    /**
     * One copy of a message for one subscriber.
     *
     * @param qos               granted QoS of the subscription that delivers it
     * @param retainAsPublished MQTT 5 option: keep the publisher's retain flag (else it is cleared)
     */
    record Delivery(Subscriber subscriber, MqttQoS qos, boolean retainAsPublished) {
    }

    private final Map<String, Map<Subscriber, MqttSubscriptionOption>> exact = new ConcurrentHashMap<>();
    private final Map<String, Map<Subscriber, MqttSubscriptionOption>> wildcard = new ConcurrentHashMap<>();
    /** Keyed by the whole {@code $share/group/filter} string. */
    private final Map<String, SharedGroup> shared = new ConcurrentHashMap<>();

    /**
     * Adds or replaces a subscription; a repeated filter replaces the earlier one [MQTT-3.8.4-3].
     *
     * @return whether the subscriber had this filter already (MQTT 5 retain handling 1 depends on it)
     */
    boolean subscribe(Subscriber subscriber, String filter, MqttSubscriptionOption options) {
        Topics.SharedFilter sharedFilter = Topics.SharedFilter.parse(filter);
        if (sharedFilter != null) {
            shared.compute(filter, (key, group) -> {
                SharedGroup members = group == null ? new SharedGroup(sharedFilter.filter()) : group;
                members.add(subscriber, options);
                return members;
            });
            return false;
        }
        return tableFor(filter).computeIfAbsent(filter, f -> new ConcurrentHashMap<>()).put(subscriber, options) != null;
    }

    /** Removes one subscription; returns whether it existed. */
    boolean unsubscribe(Subscriber subscriber, String filter) {
        boolean[] removed = new boolean[1];
        if (Topics.SharedFilter.parse(filter) != null) {
            shared.computeIfPresent(filter, (key, group) -> {
                removed[0] = group.remove(subscriber);
                return group.isEmpty() ? null : group;
            });
            return removed[0];
        }
        tableFor(filter).computeIfPresent(filter, (f, subscribers) -> {
            removed[0] = subscribers.remove(subscriber) != null;
            return subscribers.isEmpty() ? null : subscribers;
        });
        return removed[0];
    }

    /** Removes every subscription of a subscriber (connection closed). */
    void unsubscribeAll(Subscriber subscriber) {
        for (Map<String, Map<Subscriber, MqttSubscriptionOption>> table : List.of(exact, wildcard)) {
            for (String filter : table.keySet()) {
                unsubscribe(subscriber, filter);
            }
        }
        for (String filter : shared.keySet()) {
            unsubscribe(subscriber, filter);
        }
    }

    /**
     * The copies to deliver for {@code publication}: one per subscriber at the highest QoS among its matching
     * non-shared subscriptions (MQTT 3.1.1 section 3.3.5), leaving out subscriptions with the MQTT 5 no-local
     * option when the subscriber published it [MQTT-3.8.3-3]; plus one per matching shared group, to the member
     * whose turn it is (a shared copy is separate from a member's own subscriptions, MQTT 5.0 section 4.8.2).
     */
    List<Delivery> matching(Publication publication) {
        String topic = publication.topic();
        Map<Subscriber, Delivery> merged = new HashMap<>();
        Map<Subscriber, MqttSubscriptionOption> direct = exact.get(topic);
        if (direct != null) {
            direct.forEach((subscriber, options) -> merge(merged, subscriber, options, publication));
        }
        for (Map.Entry<String, Map<Subscriber, MqttSubscriptionOption>> entry : wildcard.entrySet()) {
            if (Topics.matches(entry.getKey(), topic)) {
                entry.getValue().forEach((subscriber, options) -> merge(merged, subscriber, options, publication));
            }
        }
        List<Delivery> deliveries = new ArrayList<>(merged.size() + 1);
        deliveries.addAll(merged.values());
        for (SharedGroup group : shared.values()) {
            if (Topics.matches(group.filter(), topic)) {
                SharedGroup.Member member = group.next();
                if (member != null) {
                    deliveries.add(new Delivery(member.subscriber(), member.options().qos(),
                            member.options().isRetainAsPublished()));
                }
            }
        }
        return deliveries;
    }

    private static void merge(Map<Subscriber, Delivery> merged, Subscriber subscriber, MqttSubscriptionOption options,
            Publication publication) {
        if (options.isNoLocal() && publication.origin() != null && publication.origin().equals(subscriber.clientId())) {
            return;
        }
        merged.merge(subscriber, new Delivery(subscriber, options.qos(), options.isRetainAsPublished()),
                (a, b) -> new Delivery(subscriber, higher(a.qos(), b.qos()), a.retainAsPublished() || b.retainAsPublished()));
    }

    /** Number of (filter, subscriber) pairs, shared group members included. */
    int size() {
        int size = 0;
        for (Map<Subscriber, MqttSubscriptionOption> subscribers : exact.values()) {
            size += subscribers.size();
        }
        for (Map<Subscriber, MqttSubscriptionOption> subscribers : wildcard.values()) {
            size += subscribers.size();
        }
        for (SharedGroup group : shared.values()) {
            size += group.size();
        }
        return size;
    }

    private Map<String, Map<Subscriber, MqttSubscriptionOption>> tableFor(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0 ? wildcard : exact;
    }

    private static MqttQoS higher(MqttQoS a, MqttQoS b) {
        return a.value() >= b.value() ? a : b;
    }
}
