package io.autoresponder.responder.pipeline;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;

import io.autoresponder.responder.DeadLetterOffice;
import io.autoresponder.responder.Rejection;

/**
 * Dead-letters a request that failed after it reached the handler: the handler threw, its {@code Uni} or
 * {@code CompletionStage} failed, or its reply could not be sent ({@link ReplyNotSent}). Reactive Messaging nacks
 * such a request and goes on with the next one; without this stage the request would be acknowledged with
 * nothing to show for it. The dead letter is published before the nack travels on to the connector, so a
 * request acknowledged to the broker always has its reply or its dead letter. The failure is logged as the dead
 * letter office's rate-limited WARN, its stack trace at DEBUG ({@link io.autoresponder.responder.HandlerExceptionLogFilter}).
 */
@ApplicationScoped
public class FailedRequests implements PublisherDecorator {

    /** Longest failure message copied into a dead letter and the log: exception messages can be large. */
    static final int MAX_DETAIL = 300;

    private static final Logger LOG = Logger.getLogger(FailedRequests.class);

    private final DeadLetterOffice deadLetters;

    FailedRequests(DeadLetterOffice deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public int getPriority() {
        return RequestPipeline.FAILURE.priority();
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelNames,
            boolean isConnector) {
        if (!isConnector) {
            return publisher;
        }
        return publisher.map(request -> request.getPayload() instanceof byte[] payload ? guard(request, payload) : request);
    }

    private Message<?> guard(Message<?> request, byte[] payload) {
        // One request may be nacked more than once (a handler that answers with several replies): one dead letter.
        AtomicBoolean deadLettered = new AtomicBoolean();
        return Message.of(request.getPayload(), request.getMetadata(), request::ack,
                (reason, metadata) -> {
                    if (!deadLettered.compareAndSet(false, true)) {
                        return request.nack(reason, metadata);
                    }
                    LOG.debug("Request failed after it reached the handler; dead-lettering it", reason);
                    return deadLetters.deadLetter(request, payload, rejection(reason))
                            .subscribeAsCompletionStage()
                            .thenCompose(done -> request.nack(reason, metadata));
                });
    }

    static Rejection rejection(Throwable reason) {
        if (reason instanceof ReplyNotSent notSent) {
            return new Rejection(Rejection.Reason.REPLY_NOT_SENT, notSent.getMessage() + ": " + describe(cause(notSent.getCause())));
        }
        return new Rejection(Rejection.Reason.HANDLER_FAILED, describe(cause(reason)));
    }

    /** The failure itself, without the wrappers reflection and futures put around it. */
    private static Throwable cause(Throwable reason) {
        Throwable cause = reason;
        for (int depth = 0; depth < 10 && cause != null && cause.getCause() != null
                && (cause instanceof CompletionException || cause instanceof java.lang.reflect.InvocationTargetException
                        || cause.getClass().getName().startsWith("io.smallrye.reactive.messaging.")); depth++) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        String text = failure.getMessage() == null ? failure.getClass().getName()
                : failure.getClass().getName() + ": " + failure.getMessage();
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }
}
