package io.autoresponder.connector.mqtt.dedup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.responder.RequestFields;

/**
 * What tells a redelivered request from a new one, the first that applies:
 * <ol>
 * <li>MQTT 5 correlation data, with the response topic (empty when absent);</li>
 * <li>JSON {@code replyTo} and {@code correlationId}, both present (the replyTo convention);</li>
 * <li>JSON {@code id} and {@code seq}, both present: {@code id} names the requester or its run, {@code seq} the
 * request within it.</li>
 * </ol>
 * JSON values compare by their JSON text ({@code 7} and {@code "7"} differ). A request with none of these has no
 * key and is never taken for a duplicate. A key is canonical bytes: a tag for the rule, then each part
 * length-prefixed, so parts cannot run into each other. Its hash is computed once: a key is looked up in a large map
 * for every request.
 */
public final class RequestKey {

    private static final byte MQTT5 = 'M';
    private static final byte REPLY_TO = 'R';
    private static final byte ID_SEQ = 'S';

    private final byte[] bytes;
    private final int hash;

    private RequestKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** The key of a request, if it has one. */
    public static Optional<RequestKey> of(MqttIncomingMetadata metadata, RequestFields fields) {
        if (metadata.correlationData().isPresent()) {
            return Optional.of(build(MQTT5, utf8(metadata.responseTopic().orElse("")), metadata.correlationData().get()));
        }
        if (fields.replyTo().isPresent() && fields.correlationId().isPresent()) {
            return Optional.of(build(REPLY_TO, json(fields.replyTo().get()), json(fields.correlationId().get())));
        }
        if (fields.id().isPresent() && fields.seq().isPresent()) {
            return Optional.of(build(ID_SEQ, json(fields.id().get()), json(fields.seq().get())));
        }
        return Optional.empty();
    }

    /** Whether only the MQTT 5 properties make the key, so the payload need not be read. */
    public static boolean fromPropertiesAlone(MqttIncomingMetadata metadata) {
        return metadata.correlationData().isPresent();
    }

    /** The key as one line of text (for the journal). */
    String encoded() {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The key of {@link #encoded()} text. */
    static RequestKey decode(String text) {
        return new RequestKey(Base64.getDecoder().decode(text));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestKey key && hash == key.hash && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "RequestKey[" + encoded() + "]";
    }

    private static RequestKey build(byte tag, byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(9 + first.length + second.length);
        out.write(tag);
        writePart(out, first);
        writePart(out, second);
        return new RequestKey(out.toByteArray());
    }

    private static void writePart(ByteArrayOutputStream out, byte[] part) {
        out.write(part.length >>> 24);
        out.write(part.length >>> 16);
        out.write(part.length >>> 8);
        out.write(part.length);
        out.writeBytes(part);
    }

    /**
     * A value's JSON text, as {@link JsonNode#toString()} writes it (keys are kept across restarts in the journal, so
     * the text must not change); strings and integers, the usual identifiers, without a generator per request.
     */
    static byte[] json(JsonNode value) {
        if (value.isTextual()) {
            byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(value.textValue());
            byte[] text = new byte[quoted.length + 2];
            text[0] = '"';
            System.arraycopy(quoted, 0, text, 1, quoted.length);
            text[text.length - 1] = '"';
            return text;
        }
        if (value.isInt() || value.isLong()) {
            return utf8(Long.toString(value.longValue()));
        }
        return utf8(value.toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
