package io.autoresponder.responder.pipeline;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;

import io.autoresponder.responder.ResponderMetrics;

/**
 * Counts every request an incoming connector delivers, stamps it with {@link Received} and shows it to the
 * {@link TrafficTap}.
 */
@ApplicationScoped
public class IncomingChannelObserver implements PublisherDecorator {

    private final ResponderMetrics metrics;
    private final TrafficTap tap;

    IncomingChannelObserver(ResponderMetrics metrics, TrafficTap tap) {
        this.metrics = metrics;
        this.tap = tap;
    }

    @Override
    public int getPriority() {
        return RequestPipeline.OBSERVATION.priority();
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelNames,
            boolean isConnector) {
        if (!isConnector || channelNames.isEmpty()) {
            return publisher;
        }
        String channel = channelNames.get(0);
        metrics.registerIncoming(channel);
        return publisher.map(message -> {
            metrics.received(channel);
            tap.request(channel, message);
            return message.addMetadata(new Received(channel, System.nanoTime()));
        });
    }
}
