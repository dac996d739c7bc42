package io.autoresponder.app;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A chat request, e.g. {@code {"talk":"this is test!!","name":"测试"}}. Unknown fields are ignored.
 *
 * @param talk what the sender said (required)
 * @param name who the sender is (required)
 * @param seq  client correlation value, echoed unchanged (any JSON value)
 * @param id   client correlation value, echoed unchanged (any JSON value)
 */
@RegisterForReflection
public record ChatRequest(String talk, String name, JsonNode seq, JsonNode id) {

    public ChatRequest {
        if (talk == null) {
            throw new IllegalArgumentException("missing string field 'talk'");
        }
        if (name == null) {
            throw new IllegalArgumentException("missing string field 'name'");
        }
    }
}
