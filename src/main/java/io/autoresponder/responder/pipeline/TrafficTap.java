package io.autoresponder.responder.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.autoresponder.api.MqttOutgoingMetadata;
import io.autoresponder.responder.DeadLetterOffice;
import io.autoresponder.responder.IncomingTopic;
import io.autoresponder.responder.ReplyAddress;
import io.autoresponder.responder.TrafficObserver;
import io.autoresponder.responder.TrafficObserver.Kind;

/**
 * Shows requests, replies and dead letters to the active {@link TrafficObserver}s. With none active (the console
 * off) every call returns at its first line.
 */
@Singleton
class TrafficTap {

    private static final Logger LOG = Logger.getLogger(TrafficTap.class);

    private final List<TrafficObserver> observers;
    private final Config config;
    private final Map<String, String> channelTopics = new ConcurrentHashMap<>();

    TrafficTap(Instance<TrafficObserver> candidates, Config config) {
        this.observers = candidates.stream().filter(TrafficObserver::active).toList();
        this.config = config;
    }

    void request(String channel, Message<?> message) {
        if (observers.isEmpty()) {
            return;
        }
        show(Kind.REQUEST, channel, IncomingTopic.of(message).orElse(channel), message.getPayload());
    }

    /** A message an outgoing connector accepted: a dead letter on the dead-letter channel, a reply elsewhere. */
    void sent(String channel, Message<?> message) {
        if (observers.isEmpty()) {
            return;
        }
        String topic = ReplyAddress.of(message, message.getMetadata(MqttOutgoingMetadata.class), channelTopic(channel))
                .topic();
        show(DeadLetterOffice.CHANNEL.equals(channel) ? Kind.DEAD_LETTER : Kind.REPLY, channel, topic,
                message.getPayload());
    }

    private void show(Kind kind, String channel, String topic, Object payload) {
        for (TrafficObserver observer : observers) {
            try {
                observer.observe(kind, channel, topic, payload);
            } catch (RuntimeException e) {
                // A view must never cost a message.
                LOG.debugf("traffic observer %s failed: %s", observer, e);
            }
        }
    }

    // The topic a connector publishes to when the message names none: the channel's, else the channel's name.
    private String channelTopic(String channel) {
        return channelTopics.computeIfAbsent(channel, name -> config
                .getOptionalValue("mp.messaging.outgoing." + name + ".topic", String.class).orElse(name));
    }
}
