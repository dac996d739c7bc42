package io.autoresponder.responder.pipeline;

/**
 * The reason a request is nacked when the outgoing connector could not send its reply, so that the request's
 * dead letter says so rather than blaming the handler ({@link FailedRequests}).
 */
public final class ReplyNotSent extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ReplyNotSent(String channel, Throwable cause) {
        super("reply on channel '" + channel + "' not sent", cause, false, false);
    }
}
