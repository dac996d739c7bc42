package io.autoresponder.connector.mqtt;

import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.autoresponder.responder.OutgoingReply;
import io.autoresponder.responder.PayloadEncoder;
import io.autoresponder.responder.ReplyAddress;

/**
 * One {@code @Outgoing} channel of the {@value MqttConnector#NAME} connector. A message is acknowledged when the
 * broker accepted it (PUBACK for QoS 1, PUBCOMP for QoS 2, written for QoS 0), so the request it answers is
 * acknowledged only then. At most {@code max-inflight} messages are being published at once: demand is renewed
 * one by one as publishes complete. A reply to a request with an MQTT 5 response topic goes there with the
 * request's correlation data, one to a request with a JSON {@code replyTo} goes there ({@link ReplyAddress}).
 */
final class MqttOutboundChannel implements Flow.Subscriber<Message<?>> {

    private final MqttOutboundSettings settings;
    private final SharedMqttClient client;
    private final PayloadEncoder encoder;
    private volatile Flow.Subscription upstream;

    MqttOutboundChannel(MqttOutboundSettings settings, SharedMqttClient client, PayloadEncoder encoder) {
        this.settings = settings;
        this.client = client;
        this.encoder = encoder;
    }

    String name() {
        return settings.channel();
    }

    boolean isReady() {
        return upstream != null && client.state() == ConnectionState.CONNECTED;
    }

    boolean isAlive() {
        return upstream != null;
    }

    /** Why the connection is down, for readiness; null when it is not. */
    String connectionProblem() {
        return client.notConnectedReason();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        client.start();
        subscription.request(settings.maxInflight());
    }

    @Override
    public void onNext(Message<?> message) {
        MqttProtocol.Outgoing publish;
        try {
            publish = toPublish(message);
        } catch (Exception e) {
            message.nack(e);
            upstream.request(1);
            return;
        }
        client.publish(publish).whenComplete((result, failure) -> {
            if (failure == null) {
                message.ack();
            } else {
                message.nack(failure);
            }
            Flow.Subscription subscription = upstream;
            if (subscription != null) {
                subscription.request(1);
            }
        });
    }

    private MqttProtocol.Outgoing toPublish(Message<?> message) throws Exception {
        OutgoingReply reply = OutgoingReply.of(message, settings, encoder);
        return MqttProtocol.Outgoing.of(reply.topic(), reply.qos(), reply.retain(), reply.payload().getBytes(),
                reply.correlationData(), reply.metadata().orElse(null));
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
