package io.autoresponder.broker.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;

import io.autoresponder.broker.BrokerClock;
import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.BrokerMetrics;
import io.autoresponder.mqtt.Topics;

/**
 * Routes publications to subscribers and keeps retained messages. Knows topics and QoS only:
 * nothing about connections, payload formats or handlers.
 */
// @Singleton, not @ApplicationScoped: called for every message, and a client proxy looks its instance up on each call
// (5% of the in-process service's samples went to those look-ups).
@Singleton
public class Router {

    private final SubscriptionTable subscriptions = new SubscriptionTable();
    private final RetainedStore retained;
    private final BrokerClock clock;
    private final BrokerMetrics metrics;

    private final RetainedJournal journal;

    Router(BrokerConfig config, BrokerMetrics metrics, BrokerClock clock, RetainedJournal journal) {
        this.clock = clock;
        this.journal = journal;
        this.retained = new RetainedStore(config.maxRetainedMessages(), journal);
        this.metrics = metrics;
    }

    /**
     * Publishes one message: updates the retained store when the retain flag is set, then delivers a copy to
     * every matching subscriber once, with the retain flag cleared [MQTT-3.3.1-9].
     *
     * @return completes when every subscriber has taken the message (at once for network subscribers, after
     *         processing for in-process ones); the publisher's PUBACK/PUBREC waits for it. Fails when a
     *         subscriber refused the message.
     */
    public CompletionStage<Void> publish(Publication publication) {
        metrics.received();
        CompletionStage<Void> taken = route(publication);
        if (publication.qos() == MqttQoS.AT_MOST_ONCE) {
            return taken;
        }
        // What sessions and the retained store wrote for this message is on the device before the publisher
        // hears it was taken, when the fsync policy says so (else durable() is complete already).
        CompletionStage<Void> durable = journal.durable();
        if (durable == Subscriber.TAKEN) {
            return taken;
        }
        return taken == Subscriber.TAKEN ? durable : taken.thenCompose(done -> journal.durable());
    }

    /** A retained message read back from the broker's store at start. */
    public void restoreRetained(Publication publication) {
        retained.restore(publication);
    }

    /**
     * A subscription read back from the broker's store at start: into the table, without retained messages
     * (the session had them when it subscribed).
     */
    public void restoreSubscription(Subscriber subscriber, String filter, MqttSubscriptionOption options,
            int subscriptionId) {
        subscriptions.subscribe(subscriber, filter, options, subscriptionId);
    }

    /** Publishes a message of the broker's own ($SYS statistics): routed like any other, not counted as received. */
    public void publishFromBroker(Publication publication) {
        route(publication);
    }

    private CompletionStage<Void> route(Publication publication) {
        if (publication.retain() && !retained.update(publication)) {
            metrics.retainedRefused();
        }
        Publication live = publication.withRetain(false);
        List<SubscriptionTable.Delivery> deliveries = subscriptions.matching(publication);
        List<CompletableFuture<Void>> pending = null;
        for (SubscriptionTable.Delivery delivery : deliveries) {
            Publication copy = delivery.retainAsPublished() ? publication : live;
            CompletionStage<Void> taken = delivery.subscriber().deliver(copy, new Route(
                    lower(publication.qos(), delivery.qos()), delivery.group(), delivery.subscriptionIds()));
            if (taken != Subscriber.TAKEN) {
                if (pending == null) {
                    pending = new ArrayList<>(2);
                }
                pending.add(taken.toCompletableFuture());
            }
        }
        if (pending == null) {
            return Subscriber.TAKEN;
        }
        return pending.size() == 1 ? pending.get(0)
                : CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /**
     * Gives a message of a shared subscription to another member of {@code group}, because the session it was
     * sent to ended before its client had it (MQTT 5.0 section 4.8.2). The publisher was acknowledged long
     * ago, so an in-process member's processing is not waited for.
     *
     * @return false when the group has no member left (the message is then dropped by the caller)
     */
    public boolean handOver(Publication publication, SharedGroup group) {
        SharedGroup.Member member = group.next();
        if (member == null) {
            return false;
        }
        metrics.handedOver();
        member.subscriber().deliver(publication, new Route(lower(publication.qos(), member.options().qos()), group,
                Route.idsOf(member.subscriptionId())));
        return true;
    }

    /** Subscribes with default options (no-local off, retain-as-published off, retained sent on subscribe). */
    public void subscribe(Subscriber subscriber, String filter, MqttQoS grantedQos) {
        subscribe(subscriber, filter, MqttSubscriptionOption.onlyFromQos(grantedQos));
    }

    /**
     * Subscribes and sends the retained messages matching the filter, with retain set [MQTT-3.3.1-6], as the
     * MQTT 5 retain-handling option says: always (0), only for a new subscription (1), or never (2)
     * [MQTT-3.3.1-9..11]. Shared subscriptions get no retained messages (MQTT 5.0 section 4.8.2). The filter
     * must be valid ({@link Topics#filterError}).
     */
    public void subscribe(Subscriber subscriber, String filter, MqttSubscriptionOption options) {
        subscribe(subscriber, filter, options, 0);
    }

    /**
     * As {@link #subscribe(Subscriber, String, MqttSubscriptionOption)}, with the MQTT 5 subscription identifier
     * of the SUBSCRIBE (0: none), which goes with every message delivered for this subscription, retained
     * ones included [MQTT-3.3.4-3].
     */
    public void subscribe(Subscriber subscriber, String filter, MqttSubscriptionOption options, int subscriptionId) {
        boolean existed = subscriptions.subscribe(subscriber, filter, options, subscriptionId);
        boolean sendRetained = switch (options.retainHandling()) {
            case SEND_AT_SUBSCRIBE -> true;
            case SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS -> !existed;
            case DONT_SEND_AT_SUBSCRIBE -> false;
        };
        if (!sendRetained || Topics.SharedFilter.parse(filter) != null) {
            return;
        }
        for (Publication publication : retained.matching(filter, clock.nanoTime())) {
            subscriber.deliver(publication, new Route(lower(publication.qos(), options.qos()), null,
                    Route.idsOf(subscriptionId)));
        }
    }

    /** Removes one subscription; returns whether it existed. */
    public boolean unsubscribe(Subscriber subscriber, String filter) {
        return subscriptions.unsubscribe(subscriber, filter);
    }

    /** Removes every subscription of a subscriber that goes away. */
    public void unsubscribeAll(Subscriber subscriber) {
        subscriptions.unsubscribeAll(subscriber);
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    public int retainedCount() {
        return retained.size();
    }

    private static MqttQoS lower(MqttQoS a, MqttQoS b) {
        return a.value() <= b.value() ? a : b;
    }
}
