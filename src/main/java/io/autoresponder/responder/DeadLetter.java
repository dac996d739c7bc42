package io.autoresponder.responder;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What is published on the dead-letter topic for a rejected request.
 *
 * @param error        category and explanation of the rejection
 * @param reason       bounded category ({@link Rejection.Reason#tag()})
 * @param channel      incoming channel the request arrived on
 * @param topic        topic the request was published to, when the connector tells it
 * @param receivedAt   ISO-8601 instant of rejection
 * @param payloadBytes size of the original payload
 * @param payload      the start of the original payload as UTF-8 text (malformed bytes replaced)
 * @param truncated    whether {@code payload} is shorter than the original
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String error, String reason, String channel, String topic, String receivedAt,
        int payloadBytes, String payload, boolean truncated) {
}
