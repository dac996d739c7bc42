package io.autoresponder.responder.pipeline;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.responder.DeadLetterOffice;
import io.autoresponder.responder.IncomingTopic;
import io.autoresponder.responder.JsonReplyTo;
import io.autoresponder.responder.Rejection;
import io.autoresponder.responder.RequestFields;

/**
 * Applies the {@code replyTo} convention ({@link JsonReplyTo}) to every request an incoming connector delivers:
 * a request with a valid {@code replyTo} and no MQTT 5 response topic gets a {@link JsonReplyTo} stamp that its
 * reply carries to the outgoing connector; a request with an invalid one is dead-lettered with the reason and
 * never reaches the handler, so no reply is ever published to a topic that cannot take it.
 */
@ApplicationScoped
public class ReplyToConvention implements PublisherDecorator {

    private static final byte[] FIELD = "\"replyTo\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    // Stands in for a dead-lettered request until the filter removes it.
    private static final Message<?> REJECTED = Message.of("rejected: replyTo");

    private final DeadLetterOffice deadLetters;

    ReplyToConvention(DeadLetterOffice deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public int getPriority() {
        return RequestPipeline.REPLY_TO.priority();
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelNames,
            boolean isConnector) {
        if (!isConnector) {
            return publisher;
        }
        return publisher.map(this::stamp).filter(message -> message != REJECTED);
    }

    private Message<?> stamp(Message<?> request) {
        if (!(request.getPayload() instanceof byte[] payload) || !mayHaveReplyTo(payload) || hasResponseTopic(request)) {
            return request;
        }
        RequestFields fields = request.getMetadata(RequestFields.class).orElseGet(() -> RequestFields.read(payload));
        Optional<JsonReplyTo> replyTo;
        try {
            replyTo = JsonReplyTo.of(fields, IncomingTopic.of(request).orElse(null));
        } catch (IllegalArgumentException invalid) {
            deadLetters.reject(request, payload, new Rejection(Rejection.Reason.BAD_REPLY_TO, invalid.getMessage()))
                    .subscribe().with(done -> {
                    }, failure -> {
                    });
            return REJECTED;
        }
        return replyTo.<Message<?>>map(request::addMetadata).orElse(request);
    }

    private static boolean hasResponseTopic(Message<?> request) {
        return request.getMetadata(MqttIncomingMetadata.class).flatMap(MqttIncomingMetadata::responseTopic).isPresent();
    }

    /** A cheap look for the field name before a JSON scan: most requests do not use the convention. */
    private static boolean mayHaveReplyTo(byte[] payload) {
        outer:
        for (int i = 0; i <= payload.length - FIELD.length; i++) {
            for (int j = 0; j < FIELD.length; j++) {
                if (payload[i + j] != FIELD[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
