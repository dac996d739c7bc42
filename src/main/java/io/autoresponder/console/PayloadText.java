package io.autoresponder.console;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.autoresponder.responder.PayloadEncoder;

/**
 * A payload as readable text of bounded length, encoded as the connectors send it ({@link PayloadEncoder}): bytes
 * decoded as UTF-8 (hexadecimal when they are not UTF-8 or hold control characters), text as it is, a handler's
 * reply object as JSON.
 *
 * @param bytes     payload size in bytes
 * @param text      the payload's text, at most the limit
 * @param truncated whether the text was cut
 */
record PayloadText(int bytes, String text, boolean truncated) {

    static PayloadText of(Object payload, PayloadEncoder encoder, int maxChars) {
        byte[] bytes = bytesOf(payload, encoder);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException binary) {
            return hex(bytes, maxChars);
        }
        if (hasControlCharacters(text)) {
            return hex(bytes, maxChars);
        }
        if (text.length() <= maxChars) {
            return new PayloadText(bytes.length, text, false);
        }
        // Never cut a surrogate pair in two.
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return new PayloadText(bytes.length, text.substring(0, end), true);
    }

    private static PayloadText hex(byte[] bytes, int maxChars) {
        int shown = Math.min(bytes.length, maxChars / 2);
        return new PayloadText(bytes.length, "0x" + HexFormat.of().formatHex(bytes, 0, shown), shown < bytes.length);
    }

    // Text with control characters (other than tab and line breaks) is binary data that happens to be valid UTF-8.
    private static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    // Encoded as the connectors encode it; a reply that cannot be written as JSON shows as its toString().
    private static byte[] bytesOf(Object payload, PayloadEncoder encoder) {
        try {
            return encoder.encode(payload).getBytes();
        } catch (JsonProcessingException e) {
            return String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
        }
    }
}
