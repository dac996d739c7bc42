package io.autoresponder.connector.embedded;

import java.util.concurrent.CompletionStage;

import io.netty.handler.codec.mqtt.MqttQoS;

import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.connector.ReplyChannel;
import io.autoresponder.connector.tracing.MessageTracing;
import io.autoresponder.responder.OutgoingReply;
import io.autoresponder.responder.PayloadEncoder;
import io.autoresponder.responder.ReplyAddress;

/**
 * One {@code @Outgoing} channel publishing straight into the broker's router: no socket, no codec, on the
 * thread that produced the message. A reply to a request with an MQTT 5 response topic or a JSON
 * {@code replyTo} goes there ({@link ReplyAddress}). A message is acknowledged once routed (network subscribers have it
 * queued; in-process subscribers have processed it); a bad topic or payload nacks it and the stream goes on.
 */
final class OutboundChannel extends ReplyChannel {

    private final Router router;

    OutboundChannel(OutboundSettings settings, Router router, PayloadEncoder encoder, MessageTracing tracing) {
        super(settings, encoder, tracing);
        this.router = router;
    }

    // Routing is synchronous and every subscriber queue is bounded by the broker, so no buffering here.
    @Override
    protected long initialDemand() {
        return Long.MAX_VALUE;
    }

    @Override
    protected CompletionStage<?> publish(OutgoingReply reply) {
        return router.publish(new Publication(reply.topic(), reply.payload(), MqttQoS.valueOf(reply.qos()),
                reply.retain(), MetadataMapping.outgoing(reply.metadata().orElse(null), reply.correlationData()), null));
    }
}
