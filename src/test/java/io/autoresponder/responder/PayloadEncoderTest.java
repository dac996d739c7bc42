package io.autoresponder.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.vertx.core.buffer.Buffer;

/** Replies become MQTT payload bytes once; the replyTo convention's correlationId joins JSON objects only. */
class PayloadEncoderTest {

    private static final Optional<JsonNode> CORRELATION = Optional.of(TextNode.valueOf("c-42"));

    record Reply(String reply, int seq) {
    }

    record OwnCorrelation(String reply, String correlationId) {
    }

    private final PayloadEncoder encoder = new PayloadEncoder(new ObjectMapper());

    @Test
    void aRecordIsWrittenAsJson() throws Exception {
        assertThat(text(encoder.encode(new Reply("hi", 1), Optional.empty()))).isEqualTo("{\"reply\":\"hi\",\"seq\":1}");
    }

    @Test
    void aRecordGetsTheRequestsCorrelationIdAsItsLastField() throws Exception {
        assertThat(text(encoder.encode(new Reply("hi", 1), CORRELATION)))
                .isEqualTo("{\"reply\":\"hi\",\"seq\":1,\"correlationId\":\"c-42\"}");
    }

    @Test
    void aCorrelationIdTheHandlerSetWins() throws Exception {
        assertThat(text(encoder.encode(new OwnCorrelation("hi", "mine"), CORRELATION)))
                .isEqualTo("{\"reply\":\"hi\",\"correlationId\":\"mine\"}");
    }

    @Test
    void jsonTextGetsTheFieldTooButOtherTextStaysAsItIs() throws Exception {
        assertThat(text(encoder.encode("{\"a\":1}", CORRELATION))).isEqualTo("{\"a\":1,\"correlationId\":\"c-42\"}");
        assertThat(text(encoder.encode("plain words", CORRELATION))).isEqualTo("plain words");
        assertThat(text(encoder.encode("[1,2]", CORRELATION))).isEqualTo("[1,2]");
    }

    @Test
    void bytesAndBuffersPassUnchangedWithoutACorrelation() throws Exception {
        byte[] bytes = { 0, 1, (byte) 0xFF };
        assertThat(encoder.encode(bytes, Optional.empty()).getBytes()).isEqualTo(bytes);
        assertThat(encoder.encode(Buffer.buffer(bytes), Optional.empty()).getBytes()).isEqualTo(bytes);
    }

    @Test
    void noPayloadIsAnEmptyPayload() throws Exception {
        assertThat(encoder.encode(null, CORRELATION).length()).isZero();
        assertThat(encoder.encode("", CORRELATION).length()).isZero();
    }

    private static String text(Buffer buffer) {
        return new String(buffer.getBytes(), StandardCharsets.UTF_8);
    }
}
