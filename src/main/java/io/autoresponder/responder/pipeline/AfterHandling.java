package io.autoresponder.responder.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Runs an action once a request is done with: acknowledged or failed (nacked). Unlike {@code withAck}, the
 * returned message keeps the original's payload and every piece of metadata: the stock MQTT connector's
 * {@code MqttMessage.withAck} swaps its receiving metadata for sending metadata that names the request topic,
 * so a reply built from it would be published back onto the request topic.
 */
public final class AfterHandling {

    private AfterHandling() {
    }

    /** {@code message}, which runs {@code action} exactly once after its own ack or nack completed. */
    public static <T> Message<T> then(Message<T> message, Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
        return Message.of(message.getPayload(), message.getMetadata(),
                metadata -> message.ack(metadata).whenComplete((ignored, failure) -> once.run()),
                (reason, metadata) -> message.nack(reason, metadata).whenComplete((ignored, failure) -> once.run()));
    }
}
