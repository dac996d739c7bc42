package io.autoresponder.connector.stock;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.queues.Queues;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.reactive.messaging.PublisherDecorator;

import io.autoresponder.connector.ResponderConnectorDefault;
import io.autoresponder.responder.pipeline.RequestPipeline;

/**
 * Subscribes to a stock SmallRye MQTT connector's incoming stream as soon as it exists, and keeps what arrives
 * until the application's pipeline subscribes. The connector connects while it creates the stream, but hands
 * messages to a broadcast that drops them while nobody subscribes; a broker that holds queued requests for a
 * persistent session sends them right after CONNACK, possibly before the pipeline is wired at start-up. Dropped
 * there, a request would be lost (acknowledged on receipt) or left unacknowledged until the next reconnect.
 * The queue is as long as the channel's {@code buffer-size}, the bound the connector itself applies.
 */
@ApplicationScoped
public class EarlySubscription implements PublisherDecorator {

    private static final int CONNECTOR_DEFAULT_BUFFER = 128;

    private final Config config;

    EarlySubscription(Config config) {
        this.config = config;
    }

    @Override
    public int getPriority() {
        return RequestPipeline.EARLY_SUBSCRIPTION.priority();
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelNames,
            boolean isConnector) {
        if (!isConnector || channelNames.isEmpty() || !usesStockConnector(channelNames.get(0))) {
            return publisher;
        }
        int bufferSize = config.getOptionalValue("mp.messaging.incoming." + channelNames.get(0) + ".buffer-size",
                Integer.class).orElse(CONNECTOR_DEFAULT_BUFFER);
        return subscribeNow(publisher, bufferSize);
    }

    /** {@code publisher}, subscribed to now; items wait (at most {@code bufferSize}) for the one subscriber. */
    static Multi<Message<?>> subscribeNow(Multi<? extends Message<?>> publisher, int bufferSize) {
        UnicastProcessor<Message<?>> early = UnicastProcessor.create(Queues.<Message<?>>get(bufferSize).get(), null);
        publisher.subscribe().withSubscriber(early);
        return early;
    }

    private boolean usesStockConnector(String channel) {
        return ResponderConnectorDefault.STOCK.equals(
                config.getOptionalValue("mp.messaging.incoming." + channel + ".connector", String.class).orElse(""));
    }
}
