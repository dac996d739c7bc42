package io.autoresponder.responder;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The top-level JSON fields of a request that the responder itself reads, whatever the handler's payload type:
 * {@code replyTo} and {@code correlationId} (where to answer an MQTT 3.1.1 requester, see {@link JsonReplyTo}),
 * {@code id} and {@code seq} (with {@code correlationId}, what recognises a redelivered request). Read with a
 * streaming scan that skips every other value; a payload that is not a JSON object has none of them (the payload
 * converter dead-letters it later with the real reason).
 *
 * @param replyTo       value of {@code replyTo}, any JSON type (validated by {@link JsonReplyTo#of})
 * @param correlationId value of {@code correlationId}
 * @param id            value of {@code id}
 * @param seq           value of {@code seq}
 */
public record RequestFields(Optional<JsonNode> replyTo, Optional<JsonNode> correlationId, Optional<JsonNode> id,
        Optional<JsonNode> seq) {

    /** A request with none of the fields. */
    public static final RequestFields NONE = new RequestFields(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    // Only used to build JsonNode values; no configuration of the application's mapper applies to them.
    private static final ObjectMapper TREES = new ObjectMapper();

    /** The fields of {@code payload}; {@link #NONE} when it is not a JSON object. */
    public static RequestFields read(byte[] payload) {
        JsonNode replyTo = null;
        JsonNode correlationId = null;
        JsonNode id = null;
        JsonNode seq = null;
        try (JsonParser parser = TREES.getFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "replyTo" -> replyTo = TREES.readTree(parser);
                    case "correlationId" -> correlationId = TREES.readTree(parser);
                    case "id" -> id = TREES.readTree(parser);
                    case "seq" -> seq = TREES.readTree(parser);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException notJson) {
            return NONE;
        }
        return new RequestFields(present(replyTo), present(correlationId), present(id), present(seq));
    }

    /** A field set to JSON {@code null} counts as absent. */
    private static Optional<JsonNode> present(JsonNode value) {
        return Optional.ofNullable(value).filter(node -> !node.isNull());
    }
}
