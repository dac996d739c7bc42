package io.autoresponder.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The stock connector hands received messages to a broadcast, which drops them while nobody subscribes;
 * subscribed early, nothing that arrives before the pipeline is wired is lost.
 */
class EarlySubscriptionTest {

    @Test
    void aBroadcastDropsWhatArrivesBeforeTheSubscriber() {
        BroadcastProcessor<Message<?>> connector = BroadcastProcessor.create();
        Multi<Message<?>> stream = connector;

        connector.onNext(Message.of("queued for the session"));
        AssertSubscriber<Message<?>> pipeline = stream.subscribe().withSubscriber(AssertSubscriber.create(10));

        assertThat(pipeline.getItems()).isEmpty();
    }

    @Test
    void subscribedEarlyWhatArrivesBeforeThePipelineIsKept() {
        BroadcastProcessor<Message<?>> connector = BroadcastProcessor.create();
        Multi<Message<?>> stream = EarlySubscription.subscribeNow(connector, 16);

        connector.onNext(Message.of("queued for the session"));
        connector.onNext(Message.of("and another"));
        AssertSubscriber<Message<?>> pipeline = stream.subscribe().withSubscriber(AssertSubscriber.create(10));
        connector.onNext(Message.of("live"));

        assertThat(pipeline.getItems().stream().map(message -> (Object) message.getPayload()).toList())
                .containsExactly("queued for the session", "and another", "live");
    }
}
