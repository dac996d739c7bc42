package io.autoresponder.connector.embedded;

import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.netty.handler.codec.mqtt.MqttQoS;

import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.responder.OutgoingReply;
import io.autoresponder.responder.PayloadEncoder;
import io.autoresponder.responder.ReplyAddress;

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
        OutgoingReply reply;
        try {
            reply = OutgoingReply.of(message, settings, encoder);
        } catch (Exception e) {
            message.nack(e);
            return;
        }
        Publication publication = new Publication(reply.topic(), reply.payload(), MqttQoS.valueOf(reply.qos()),
                reply.retain(), MetadataMapping.outgoing(reply.metadata().orElse(null), reply.correlationData()), null);
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
