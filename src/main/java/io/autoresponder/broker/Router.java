package io.autoresponder.broker;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Routes publications to subscribers and keeps retained messages. Knows topics and QoS only:
 * nothing about connections, payload formats or handlers.
 */
@ApplicationScoped
public class Router {

    private final SubscriptionTable subscriptions = new SubscriptionTable();
    private final RetainedStore retained;
    private final BrokerMetrics metrics;

    Router(BrokerConfig config, BrokerMetrics metrics) {
        this.retained = new RetainedStore(config.maxRetainedMessages());
        this.metrics = metrics;
    }

    /**
     * Publishes one message: updates the retained store when the retain flag is set, then delivers a copy to
     * every matching subscriber once, with the retain flag cleared [MQTT-3.3.1-9].
     */
    public void publish(Publication publication) {
        metrics.received();
        if (publication.retain() && !retained.update(publication)) {
            metrics.retainedRefused();
        }
        Publication live = publication.withRetain(false);
        for (Map.Entry<Subscriber, MqttQoS> match : subscriptions.matching(publication.topic()).entrySet()) {
            match.getKey().deliver(live, lower(publication.qos(), match.getValue()));
        }
    }

    /**
     * Subscribes and sends the retained messages matching the filter, with retain set [MQTT-3.3.1-6].
     * The filter must be valid ({@link Topics#filterError}).
     */
    public void subscribe(Subscriber subscriber, String filter, MqttQoS grantedQos) {
        subscriptions.subscribe(subscriber, filter, grantedQos);
        List<Publication> matching = retained.matching(filter);
        for (Publication publication : matching) {
            subscriber.deliver(publication, lower(publication.qos(), grantedQos));
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

    int subscriptionCount() {
        return subscriptions.size();
    }

    int retainedCount() {
        return retained.size();
    }

    private static MqttQoS lower(MqttQoS a, MqttQoS b) {
        return a.value() <= b.value() ? a : b;
    }
}
