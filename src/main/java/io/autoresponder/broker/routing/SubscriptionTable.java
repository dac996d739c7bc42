package io.autoresponder.broker.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;

import io.autoresponder.mqtt.Topics;

/**
 * Who subscribed to which topic filter, with which options. Safe for concurrent use; matching is a walk of a
 * {@link TopicTree}, independent of the number of unrelated subscriptions.
 */
final class SubscriptionTable {

    /**
     * One copy of a message for one subscriber.
     *
     * @param qos               granted QoS of the subscription that delivers it
     * @param retainAsPublished MQTT 5 option: keep the publisher's retain flag (else it is cleared)
     * @param group             the shared group that chose this subscriber, or null for its own subscriptions
     * @param subscriptionIds   MQTT 5 subscription identifiers of all matching subscriptions [MQTT-3.3.4-3]
     */
    record Delivery(Subscriber subscriber, MqttQoS qos, boolean retainAsPublished, SharedGroup group,
            List<Integer> subscriptionIds) {
    }

    /**
     * One subscriber's subscription to one filter; {@code id} is its MQTT 5 subscription identifier or 0. The copy it
     * delivers when no other subscription of the subscriber matches is made once, not per message.
     */
    private record Subscription(MqttSubscriptionOption options, int id, Delivery delivery) {

        Subscription(Subscriber subscriber, MqttSubscriptionOption options, int id) {
            this(options, id, new Delivery(subscriber, options.qos(), options.isRetainAsPublished(), null,
                    Route.idsOf(id)));
        }
    }

    /** Subscribers of one filter. */
    private final TopicTree<Map<Subscriber, Subscription>> plain = new TopicTree<>();
    /** Shared groups of one filter, by share name. */
    private final TopicTree<Map<String, SharedGroup>> shared = new TopicTree<>();
    /** Each subscriber's filters, so a closing connection can be removed without walking the trees. */
    private final Map<Subscriber, Set<String>> filtersOf = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * Adds or replaces a subscription; a repeated filter replaces the earlier one [MQTT-3.8.4-3].
     *
     * @return whether the subscriber had this filter already (MQTT 5 retain handling 1 depends on it)
     */
    boolean subscribe(Subscriber subscriber, String filter, MqttSubscriptionOption options) {
        return subscribe(subscriber, filter, options, 0);
    }

    /**
     * Adds or replaces a subscription with an MQTT 5 subscription identifier (0: none).
     *
     * @return whether the subscriber had this filter already
     */
    boolean subscribe(Subscriber subscriber, String filter, MqttSubscriptionOption options, int subscriptionId) {
        boolean[] existed = new boolean[1];
        Topics.SharedFilter sharedFilter = Topics.SharedFilter.parse(filter);
        if (sharedFilter != null) {
            shared.update(sharedFilter.filter(), groups -> {
                Map<String, SharedGroup> updated = groups == null ? new ConcurrentHashMap<>() : groups;
                SharedGroup group = updated.computeIfAbsent(sharedFilter.group(), name -> new SharedGroup());
                existed[0] = group.remove(subscriber);
                group.add(subscriber, options, subscriptionId);
                return updated;
            });
        } else {
            plain.update(filter, subscribers -> {
                Map<Subscriber, Subscription> updated = subscribers == null ? new ConcurrentHashMap<>()
                        : subscribers;
                existed[0] = updated.put(subscriber, new Subscription(subscriber, options, subscriptionId)) != null;
                return updated;
            });
        }
        if (!existed[0]) {
            size.incrementAndGet();
            filtersOf.computeIfAbsent(subscriber, s -> ConcurrentHashMap.newKeySet()).add(filter);
        }
        return existed[0];
    }

    /** Removes one subscription; returns whether it existed. */
    boolean unsubscribe(Subscriber subscriber, String filter) {
        boolean[] removed = new boolean[1];
        Topics.SharedFilter sharedFilter = Topics.SharedFilter.parse(filter);
        if (sharedFilter != null) {
            shared.update(sharedFilter.filter(), groups -> {
                if (groups == null) {
                    return null;
                }
                SharedGroup group = groups.get(sharedFilter.group());
                removed[0] = group != null && group.remove(subscriber);
                if (group != null && group.isEmpty()) {
                    groups.remove(sharedFilter.group());
                }
                return groups.isEmpty() ? null : groups;
            });
        } else {
            plain.update(filter, subscribers -> {
                if (subscribers == null) {
                    return null;
                }
                removed[0] = subscribers.remove(subscriber) != null;
                return subscribers.isEmpty() ? null : subscribers;
            });
        }
        if (removed[0]) {
            size.decrementAndGet();
            Set<String> filters = filtersOf.get(subscriber);
            if (filters != null) {
                filters.remove(filter);
            }
        }
        return removed[0];
    }

    /** Removes every subscription of a subscriber (connection closed). */
    void unsubscribeAll(Subscriber subscriber) {
        Set<String> filters = filtersOf.remove(subscriber);
        if (filters != null) {
            for (String filter : filters) {
                unsubscribe(subscriber, filter);
            }
        }
    }

    /**
     * The copies to deliver for {@code publication}: one per subscriber at the highest QoS among its matching
     * non-shared subscriptions (MQTT 3.1.1 section 3.3.5), leaving out subscriptions with the MQTT 5 no-local
     * option when the subscriber published it [MQTT-3.8.3-3]; plus one per matching shared group, to the member
     * whose turn it is (a shared copy is separate from a member's own subscriptions, MQTT 5.0 section 4.8.2).
     */
    List<Delivery> matching(Publication publication) {
        String[] levels = TopicTree.levels(publication.topic());
        Merge merge = new Merge(publication);
        plain.forEachMatch(levels, merge);
        List<Delivery> deliveries = merge.deliveries;
        if (!shared.isEmpty()) {
            shared.forEachMatch(levels, groups -> groups.values().forEach(group -> {
                SharedGroup.Member member = group.next();
                if (member != null) {
                    deliveries.add(new Delivery(member.subscriber(), member.options().qos(),
                            member.options().isRetainAsPublished(), group, Route.idsOf(member.subscriptionId())));
                }
            }));
        }
        return deliveries;
    }

    /** Number of (filter, subscriber) pairs, shared group members included. */
    int size() {
        return size.get();
    }

    /**
     * One copy per subscriber for its overlapping subscriptions: the highest QoS, retain-as-published if any
     * asks for it, and every subscription identifier (MQTT 5.0 section 3.3.4). A subscriber appears once per filter,
     * so copies need merging only from the second matching filter on; the usual single match allocates nothing but
     * the list.
     */
    private static final class Merge implements Consumer<Map<Subscriber, Subscription>> {

        private final Publication publication;
        private final List<Delivery> deliveries = new ArrayList<>(2);
        /** Position of each subscriber's copy in {@link #deliveries}, once a second filter matched. */
        private Map<Subscriber, Integer> positions;
        private boolean matchedBefore;

        Merge(Publication publication) {
            this.publication = publication;
        }

        @Override
        public void accept(Map<Subscriber, Subscription> subscribers) {
            if (matchedBefore && positions == null) {
                positions = new HashMap<>();
                for (int i = 0; i < deliveries.size(); i++) {
                    positions.put(deliveries.get(i).subscriber(), i);
                }
            }
            matchedBefore = true;
            subscribers.forEach(this::add);
        }

        private void add(Subscriber subscriber, Subscription subscription) {
            MqttSubscriptionOption options = subscription.options();
            if (options.isNoLocal() && publication.origin() != null
                    && publication.origin().equals(subscriber.clientId())) {
                return;
            }
            Integer at = positions == null ? null : positions.putIfAbsent(subscriber, deliveries.size());
            if (at == null) {
                deliveries.add(subscription.delivery());
                return;
            }
            Delivery a = deliveries.get(at);
            Delivery b = subscription.delivery();
            deliveries.set(at, new Delivery(subscriber, higher(a.qos(), b.qos()),
                    a.retainAsPublished() || b.retainAsPublished(), null,
                    union(a.subscriptionIds(), b.subscriptionIds())));
        }
    }

    private static List<Integer> union(List<Integer> a, List<Integer> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<Integer> both = new ArrayList<>(a.size() + b.size());
        both.addAll(a);
        both.addAll(b);
        return both;
    }

    private static MqttQoS higher(MqttQoS a, MqttQoS b) {
        return a.value() >= b.value() ? a : b;
    }
}
