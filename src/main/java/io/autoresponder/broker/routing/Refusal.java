package io.autoresponder.broker.routing;

/**
 * Why an in-process subscriber did not take a QoS 1/2 message. MQTT 5 publishers see it as the PUBACK/PUBREC
 * reason code; MQTT 3.1.1 has no negative acknowledgement, so they only see the message acknowledged.
 */
public final class Refusal extends RuntimeException {

    /** The reason, mapped to an MQTT 5 reason code by the connection. */
    public enum Reason {
        /** The subscriber's bounded queue is full (0x97 Quota exceeded). */
        QUOTA_EXCEEDED,
        /** The subscriber processed the message and failed (0x83 Implementation specific error). */
        NOT_ACCEPTED
    }

    private final Reason reason;

    public Refusal(Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
