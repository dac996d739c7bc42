package io.autoresponder.connector.embedded;

import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.mqtt.Topics;
import io.autoresponder.api.MqttOutgoingMetadata;
import io.autoresponder.responder.ReplyAddress;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.autoresponder.connector.PayloadEncoder;

/**
 * One {@code @Outgoing} channel publishing straight into the broker's router: no socket, no codec, on the
 * thread that produced the message. A reply to a request with an MQTT 5 response topic or a JSON
 * {@code replyTo} goes there ({@link ReplyAddress}). A message is acknowledged once routed (network subscribers have it
 * queued; in-process subscribers have processed it); a bad topic or payload nacks it and the stream goes on.
 */
final class OutboundChannel implements Flow.Subscriber<Message<?>> {

    private final OutboundSettings settings;
    private final Router router;
    private final PayloadEncoder encoder;
    private volatile Flow.Subscription upstream;

    OutboundChannel(OutboundSettings settings, Router router, PayloadEncoder encoder) {
        this.settings = settings;
        this.router = router;
        this.encoder = encoder;
    }

    String name() {
        return settings.channel();
    }

    boolean isSubscribed() {
        return upstream != null;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        // Routing is synchronous and every subscriber queue is bounded by the broker, so no buffering here.
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Message<?> message) {
        MqttOutgoingMetadata metadata = message.getMetadata(MqttOutgoingMetadata.class).orElse(null);
        ReplyAddress address = ReplyAddress.of(message, settings.topic());
        String topic = address.topic();
        String topicError = Topics.nameError(topic);
        if (topicError != null) {
            message.nack(new IllegalArgumentException("channel " + name() + ": " + topicError));
            return;
        }
        Buffer payload;
        try {
            payload = encoder.encode(message.getPayload(), address.correlationId());
        } catch (Exception e) {
            message.nack(e);
            return;
        }
        MqttQoS qos = metadata == null ? settings.qos()
                : metadata.qos().map(MqttQoS::valueOf).orElse(settings.qos());
        boolean retain = metadata == null ? settings.retain() : metadata.retain().orElse(settings.retain());
        Publication publication = new Publication(topic, payload, qos, retain,
                MetadataMapping.outgoing(metadata, address.correlationData()), null);
        router.publish(publication).whenComplete((done, failure) -> {
            if (failure == null) {
                message.ack();
            } else {
                message.nack(failure);
            }
        });
    }

    @Override
    public void onError(Throwable failure) {
        upstream = null;
    }

    @Override
    public void onComplete() {
        upstream = null;
    }
}
