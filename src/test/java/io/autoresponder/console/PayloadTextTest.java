package io.autoresponder.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;

import io.autoresponder.responder.PayloadEncoder;

/** How the console shows a payload: readable, bounded, and honest about what it cut. */
class PayloadTextTest {

    private final PayloadEncoder encoder = new PayloadEncoder(new ObjectMapper());

    @Test
    void utf8BytesBufferAndTextShowAsTheyAre() {
        byte[] bytes = "{\"name\":\"测试\"}".getBytes(StandardCharsets.UTF_8);
        for (Object payload : new Object[] { bytes, Buffer.buffer(bytes), "{\"name\":\"测试\"}" }) {
            assertThat(PayloadText.of(payload, encoder, 100))
                    .isEqualTo(new PayloadText(bytes.length, "{\"name\":\"测试\"}", false));
        }
    }

    @Test
    void aHandlersReplyObjectShowsAsJson() {
        assertThat(PayloadText.of(Map.of("reply", "hi"), encoder, 100).text()).isEqualTo("{\"reply\":\"hi\"}");
    }

    @Test
    void aLongPayloadIsCutAndMarkedWithItsFullSize() {
        PayloadText text = PayloadText.of("x".repeat(1000), encoder, 16);
        assertThat(text.text()).hasSize(16);
        assertThat(text.truncated()).isTrue();
        assertThat(text.bytes()).isEqualTo(1000);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        PayloadText text = PayloadText.of("a".repeat(15) + "😀tail", encoder, 16);
        assertThat(text.text()).isEqualTo("a".repeat(15));
        assertThat(text.truncated()).isTrue();
    }

    @Test
    void bytesThatAreNotUtf8OrHoldControlCharactersShowAsHexadecimal() {
        PayloadText text = PayloadText.of(new byte[] { (byte) 0xff, 0x00, 0x41 }, encoder, 100);
        assertThat(text.text()).isEqualTo("0xff0041");
        assertThat(text.truncated()).isFalse();
        assertThat(PayloadText.of(new byte[40], encoder, 16)).satisfies(cut -> {
            assertThat(cut.text()).isEqualTo("0x" + "00".repeat(8));
            assertThat(cut.truncated()).isTrue();
        });
        assertThat(PayloadText.of("line one\n\tline two\r\n", encoder, 100).text()).isEqualTo("line one\n\tline two\r\n");
    }

    @Test
    void noPayloadIsEmpty() {
        assertThat(PayloadText.of(null, encoder, 100)).isEqualTo(new PayloadText(0, "", false));
    }
}
