package io.autoresponder.connector;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Turns a reply payload into MQTT payload bytes: bytes and text as they are, anything else as JSON. */
@ApplicationScoped
public class PayloadEncoder {

    private final ObjectMapper mapper;

    PayloadEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Buffer encode(Object payload) throws JsonProcessingException {
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
        return Buffer.buffer(mapper.writeValueAsBytes(payload));
    }
}
