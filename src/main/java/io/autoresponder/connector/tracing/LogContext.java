package io.autoresponder.connector.tracing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.jboss.logging.MDC;

import io.autoresponder.api.MqttIncomingMetadata;

/**
 * The logging MDC of a request while it is handled: {@value #CLIENT_ID} (the publisher, when the broker knows it),
 * {@value #TOPIC} and {@value #CORRELATION_DATA} (MQTT 5; as text when it is printable UTF-8, else hex). Values
 * come from the network, so they are cut to a length a log line can carry. The trace and span ids are put there by
 * Quarkus' OpenTelemetry support ({@code traceId}, {@code spanId}).
 */
final class LogContext {

    static final String CLIENT_ID = "clientId";
    static final String TOPIC = "topic";
    static final String CORRELATION_DATA = "correlationData";
    static final int MAX_LENGTH = 128;

    private LogContext() {
    }

    static void put(MqttIncomingMetadata request) {
        request.publisherId().ifPresent(id -> MDC.put(CLIENT_ID, cut(id)));
        MDC.put(TOPIC, cut(request.topic()));
        request.correlationData().ifPresent(data -> MDC.put(CORRELATION_DATA, readable(data)));
    }

    static void clear() {
        MDC.remove(CLIENT_ID);
        MDC.remove(TOPIC);
        MDC.remove(CORRELATION_DATA);
    }

    /** Correlation data for a log line: printable UTF-8 as it is, anything else in hex; at most {@link #MAX_LENGTH}. */
    static String readable(byte[] data) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
            if (text.codePoints().noneMatch(Character::isISOControl)) {
                return cut(text);
            }
        } catch (CharacterCodingException e) {
            // binary: hex below
        }
        String hex = HexFormat.of().formatHex(data, 0, Math.min(data.length, MAX_LENGTH / 2));
        return data.length > MAX_LENGTH / 2 ? hex + "…" : hex;
    }

    private static String cut(String value) {
        return value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH - 1) + "…";
    }
}
