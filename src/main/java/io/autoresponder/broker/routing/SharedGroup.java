package io.autoresponder.broker.routing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.mqtt.MqttSubscriptionOption;

/**
 * The members of one shared subscription {@code $share/{group}/{filter}}: each matching message goes to one
 * member, taken in turn (MQTT 5.0 section 4.8.2).
 */
public final class SharedGroup {

    /** @param subscriptionId MQTT 5 subscription identifier of the member's subscription, 0 for none */
    record Member(Subscriber subscriber, MqttSubscriptionOption options, int subscriptionId) {
    }

    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    /** Adds a member, or changes its QoS if it is one already. */
    void add(Subscriber subscriber, MqttSubscriptionOption options, int subscriptionId) {
        remove(subscriber);
        members.add(new Member(subscriber, options, subscriptionId));
    }

    boolean remove(Subscriber subscriber) {
        return members.removeIf(member -> member.subscriber() == subscriber);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    int size() {
        return members.size();
    }

    /** The member whose turn it is, or null when the group has none. */
    Member next() {
        Object[] snapshot = members.toArray();
        if (snapshot.length == 0) {
            return null;
        }
        return (Member) snapshot[Math.floorMod(turn.getAndIncrement(), snapshot.length)];
    }
}
