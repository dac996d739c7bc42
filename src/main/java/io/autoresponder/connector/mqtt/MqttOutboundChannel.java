package io.autoresponder.connector.mqtt;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import io.autoresponder.connector.ReplyChannel;
import io.autoresponder.connector.tracing.MessageTracing;
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
final class MqttOutboundChannel extends ReplyChannel {

    private final MqttOutboundSettings settings;
    private final SharedMqttClient client;

    MqttOutboundChannel(MqttOutboundSettings settings, SharedMqttClient client, PayloadEncoder encoder,
            MessageTracing tracing) {
        super(settings, encoder, tracing);
        this.settings = settings;
        this.client = client;
    }

    boolean isReady() {
        return isSubscribed() && client.state() == ConnectionState.CONNECTED;
    }

    boolean isAlive() {
        return isSubscribed();
    }

    /** Why the connection is down, for readiness; null when it is not. */
    String connectionProblem() {
        return client.notConnectedReason();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        client.start();
        super.onSubscribe(subscription);
    }

    @Override
    protected long initialDemand() {
        return settings.maxInflight();
    }

    // One more message as each publish completes: at most max-inflight are being published.
    @Override
    protected void settled(Flow.Subscription subscription) {
        subscription.request(1);
    }

    @Override
    protected CompletionStage<?> publish(OutgoingReply reply) {
        return client.publish(MqttProtocol.Outgoing.of(reply.topic(), reply.qos(), reply.retain(),
                reply.payload().getBytes(), reply.correlationData(), reply.metadata().orElse(null)));
    }
}
