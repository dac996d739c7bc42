package io.autoresponder.connector;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.autoresponder.connector.tracing.MessageTracing;
import io.autoresponder.responder.OutgoingReply;
import io.autoresponder.responder.PayloadEncoder;

/**
 * What every {@code @Outgoing} channel of our connectors does with a message: resolve it to an
 * {@link OutgoingReply} (address, QoS, retain, payload encoded once), publish it, and acknowledge the message when
 * the broker side accepted it, or nack it with the reason. A reply that cannot be resolved (invalid topic,
 * unencodable payload) is nacked and the stream goes on. Subclasses publish and decide how much they request.
 */
public abstract class ReplyChannel implements Flow.Subscriber<Message<?>> {

    private final OutgoingReply.ChannelDefaults settings;
    private final PayloadEncoder encoder;
    private final MessageTracing tracing;
    private volatile Flow.Subscription upstream;

    protected ReplyChannel(OutgoingReply.ChannelDefaults settings, PayloadEncoder encoder, MessageTracing tracing) {
        this.settings = settings;
        this.encoder = encoder;
        this.tracing = tracing;
    }

    /** Publishes {@code reply}; the stage completes when the broker side accepted it. */
    protected abstract CompletionStage<?> publish(OutgoingReply reply);

    /** Called after each message was acknowledged or nacked; for flow control. */
    protected void settled(Flow.Subscription subscription) {
    }

    /** The demand asked for when the stream starts. */
    protected abstract long initialDemand();

    public String name() {
        return settings.channel();
    }

    /** Whether the stream of replies is connected to this channel. */
    public boolean isSubscribed() {
        return upstream != null;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        subscription.request(initialDemand());
    }

    @Override
    public void onNext(Message<?> message) {
        MessageTracing.Publishing publishing;
        try {
            publishing = tracing.publishing(message, OutgoingReply.of(message, settings, encoder), settings.channel());
        } catch (Exception e) {
            message.nack(e);
            settle();
            return;
        }
        publish(publishing.reply()).whenComplete((done, failure) -> {
            publishing.done(failure);
            if (failure == null) {
                message.ack();
            } else {
                message.nack(failure);
            }
            settle();
        });
    }

    private void settle() {
        Flow.Subscription subscription = upstream;
        if (subscription != null) {
            settled(subscription);
        }
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
