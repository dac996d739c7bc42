package io.autoresponder.responder.pipeline;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.SubscriberDecorator;

import io.autoresponder.responder.ResponderMetrics;

/**
 * Observes messages handed to outgoing connectors: counts those the connector accepted or failed, and records
 * the handling time of replies that carry the {@link Received} stamp of their request. A reply the connector
 * failed nacks its request with {@link ReplyNotSent}, for the request's dead letter. Accepted messages are shown
 * to the {@link TrafficTap}.
 */
@ApplicationScoped
public class OutgoingChannelObserver implements SubscriberDecorator {

    private final ResponderMetrics metrics;
    private final TrafficTap tap;

    OutgoingChannelObserver(ResponderMetrics metrics, TrafficTap tap) {
        this.metrics = metrics;
        this.tap = tap;
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> toBeSubscribed, List<String> channelNames,
            boolean isConnector) {
        if (!isConnector || channelNames.isEmpty()) {
            return toBeSubscribed;
        }
        String channel = channelNames.get(0);
        metrics.registerOutgoing(channel);
        return toBeSubscribed.map(message -> observe(message, channel));
    }

    private Message<?> observe(Message<?> message, String channel) {
        return message
                .withAck(() -> message.ack().thenRun(() -> {
                    metrics.sent(channel);
                    tap.sent(channel, message);
                    message.getMetadata(Received.class)
                            .ifPresent(received -> metrics.handled(received.channel(), received.receivedNanos()));
                }))
                .withNack(failure -> {
                    metrics.failed(channel);
                    return message.nack(failure instanceof ReplyNotSent ? failure : new ReplyNotSent(channel, failure));
                });
    }
}
