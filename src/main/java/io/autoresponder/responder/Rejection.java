package io.autoresponder.responder;

/**
 * Why a request was dead-lettered: its payload could not be turned into the handler's type, its {@code replyTo}
 * was unusable, its handler failed or its reply could not be sent.
 *
 * @param reason bounded category, used as a metric tag
 * @param detail human-readable explanation
 */
public record Rejection(Reason reason, String detail) {

    /** Categories of dead letter. */
    public enum Reason {
        EMPTY("empty"),
        TOO_LARGE("too_large"),
        NOT_JSON("not_json"),
        WRONG_SHAPE("wrong_shape"),
        /** A {@code replyTo} that cannot be published to ({@link JsonReplyTo}). */
        BAD_REPLY_TO("bad_reply_to"),
        /** The handler threw, or the {@code Uni}/{@code CompletionStage} it returned failed. */
        HANDLER_FAILED("handler_failed"),
        /** The handler answered, but the outgoing connector could not send the reply. */
        REPLY_NOT_SENT("reply_not_sent");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        /** Value of the {@code reason} metric tag. */
        public String tag() {
            return tag;
        }
    }

    /** One line: category and detail. */
    public String describe() {
        return reason.tag() + ": " + detail;
    }
}
