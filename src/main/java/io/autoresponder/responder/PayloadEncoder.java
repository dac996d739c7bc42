package io.autoresponder.responder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns a reply payload into MQTT payload bytes: bytes and text as they are, anything else as JSON. A reply to a
 * request that used the {@code replyTo} convention gets the request's {@code correlationId} added, when the reply
 * is a JSON object that has no {@code correlationId} of its own. Each reply is encoded once: an object becomes a
 * JSON tree, gets the field, and is written; only a reply that is already bytes or text is parsed to add it.
 */
// @Singleton, not @ApplicationScoped: called for every message, and a client proxy looks its instance up on each call
// (5% of the in-process service's samples went to those look-ups).
@Singleton
public class PayloadEncoder {

    private static final String CORRELATION_ID = "correlationId";

    private final ObjectMapper mapper;

    public PayloadEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code payload} encoded, with {@code correlationId} set in it when present and the payload is a JSON object. */
    public Buffer encode(Object payload, Optional<JsonNode> correlationId) throws IOException {
        Buffer encoded = asIs(payload);
        if (correlationId.isEmpty()) {
            return encoded != null ? encoded : Buffer.buffer(mapper.writeValueAsBytes(payload));
        }
        if (encoded != null) {
            return withCorrelationId(encoded, correlationId.get());
        }
        JsonNode reply = mapper.valueToTree(payload);
        if (reply instanceof ObjectNode object && !object.has(CORRELATION_ID)) {
            object.set(CORRELATION_ID, correlationId.get());
        }
        return Buffer.buffer(mapper.writeValueAsBytes(reply));
    }

    /** {@code payload} as MQTT payload bytes. */
    public Buffer encode(Object payload) throws JsonProcessingException {
        Buffer encoded = asIs(payload);
        return encoded != null ? encoded : Buffer.buffer(mapper.writeValueAsBytes(payload));
    }

    // Payloads that already are bytes or text go out as they are; null for anything to be written as JSON.
    private static Buffer asIs(Object payload) {
        if (payload == null) {
            return Buffer.buffer();
        }
        if (payload instanceof byte[] bytes) {
            return Buffer.buffer(bytes);
        }
        if (payload instanceof Buffer buffer) {
            return buffer;
        }
        if (payload instanceof String text) {
            return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
        }
        if (payload instanceof JsonObject json) {
            return json.toBuffer();
        }
        if (payload instanceof JsonArray json) {
            return json.toBuffer();
        }
        return null;
    }

    // The handler chose the bytes: they change only when they are a JSON object without the field.
    private Buffer withCorrelationId(Buffer encoded, JsonNode correlationId) throws IOException {
        if (encoded.length() == 0) {
            return encoded;
        }
        JsonNode reply;
        try {
            reply = mapper.readTree(encoded.getBytes());
        } catch (JsonProcessingException notJson) {
            return encoded;
        }
        if (!(reply instanceof ObjectNode object) || object.has(CORRELATION_ID)) {
            return encoded;
        }
        object.set(CORRELATION_ID, correlationId);
        return Buffer.buffer(mapper.writeValueAsBytes(object));
    }
}
