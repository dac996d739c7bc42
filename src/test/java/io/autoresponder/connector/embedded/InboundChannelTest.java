package io.autoresponder.connector.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Refusal;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.broker.routing.Subscriber;
import io.autoresponder.connector.ChannelCounters;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;

/** An in-process channel on the application's real router: retained delivery, bounds, acknowledgement. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class InboundChannelTest {

    @Inject
    Router router;

    @Inject
    ChannelCounters counters;

    @Test
    void retainedMessageIsDeliveredWhenTheChannelAttaches() {
        String topic = "inproc/retained/" + UUID.randomUUID();
        router.publish(publication(topic, MqttQoS.AT_LEAST_ONCE, true));
        InboundChannel channel = channel("retained-probe", topic, 10, 10);
        Collector collector = new Collector();

        channel.subscribe(collector);
        collector.subscription.request(1);

        assertThat(collector.messages).hasSize(1);
        MqttIncomingMetadata metadata = collector.messages.get(0).getMetadata(MqttIncomingMetadata.class).orElseThrow();
        assertThat(metadata.retain()).isTrue();
        assertThat(metadata.topic()).isEqualTo(topic);
        channel.detach();
        router.publish(new Publication(topic, Buffer.buffer(), MqttQoS.AT_LEAST_ONCE, true,
                MqttProperties.NO_PROPERTIES, null));
    }

    @Test
    void qos0OverflowIsDroppedAndCounted() {
        String name = "drop-probe-" + UUID.randomUUID();
        String topic = "inproc/drop/" + UUID.randomUUID();
        InboundChannel channel = channel(name, topic, 2, 10);
        channel.subscribe(new Collector()); // never requests

        for (int i = 0; i < 5; i++) {
            router.publish(publication(topic, MqttQoS.AT_MOST_ONCE, false));
        }

        assertThat(channel.queued()).isEqualTo(2);
        assertThat(PrometheusText.sample("autoresponder_channel_dropped_total{channel=\"" + name + "\"}")).isEqualTo(3);
        channel.detach();
    }

    @Test
    void qos1BeyondMaxPendingIsRefusedWithQuotaExceeded() {
        String topic = "inproc/refuse/" + UUID.randomUUID();
        InboundChannel channel = channel("refuse-probe", topic, 10, 3);
        channel.subscribe(new Collector());

        for (int i = 0; i < 3; i++) {
            assertThat(router.publish(publication(topic, MqttQoS.AT_LEAST_ONCE, false)).toCompletableFuture()).isNotDone();
        }
        CompletionStage<Void> fourth = router.publish(publication(topic, MqttQoS.AT_LEAST_ONCE, false));

        assertThat(fourth.toCompletableFuture()).isCompletedExceptionally();
        assertThat(channel.queued()).isEqualTo(3);
        fourth.exceptionally(failure -> {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            assertThat(cause).isInstanceOfSatisfying(Refusal.class,
                    refusal -> assertThat(refusal.reason()).isEqualTo(Refusal.Reason.QUOTA_EXCEEDED));
            return null;
        });
        channel.detach();
    }

    @Test
    void qos1IsTakenOnlyWhenTheMessageIsAcknowledged() {
        String topic = "inproc/ack/" + UUID.randomUUID();
        InboundChannel channel = channel("ack-probe", topic, 10, 10);
        Collector collector = new Collector();
        channel.subscribe(collector);
        collector.subscription.request(1);

        CompletionStage<Void> taken = router.publish(publication(topic, MqttQoS.AT_LEAST_ONCE, false));

        assertThat(taken).isNotSameAs(Subscriber.TAKEN);
        assertThat(taken.toCompletableFuture()).isNotDone();
        collector.messages.get(0).ack();
        assertThat(taken.toCompletableFuture()).isCompletedWithValue(null);
        channel.detach();
    }

    private InboundChannel channel(String name, String topic, int bufferSize, int maxPending) {
        return new InboundChannel(new InboundSettings(name, java.util.Set.of(topic), MqttQoS.EXACTLY_ONCE, bufferSize, maxPending), router,
                counters, io.autoresponder.connector.tracing.MessageTracing.none());
    }

    private static Publication publication(String topic, MqttQoS qos, boolean retain) {
        return new Publication(topic, Buffer.buffer("x"), qos, retain, MqttProperties.NO_PROPERTIES, "probe");
    }

    /** Collects what it is given; requests only when the test says. */
    private static final class Collector implements Flow.Subscriber<Message<?>> {
        final List<Message<?>> messages = new CopyOnWriteArrayList<>();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(Message<?> message) {
            messages.add(message);
        }

        @Override
        public void onError(Throwable failure) {
        }

        @Override
        public void onComplete() {
        }
    }
}
