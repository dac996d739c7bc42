package io.autoresponder.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The automatic answer to a {@link ChatRequest}.
 *
 * @param reply     the answer text
 * @param name      the sender's name, from the request
 * @param talk      what the sender said, from the request
 * @param timestamp ISO-8601 instant the reply was made
 * @param seq       the request's {@code seq}, unchanged; absent when the request had none
 * @param id        the request's {@code id}, unchanged; absent when the request had none
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatReply(String reply, String name, String talk, String timestamp, JsonNode seq, JsonNode id) {
}
