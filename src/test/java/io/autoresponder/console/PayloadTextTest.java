package io.autoresponder.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;

/** How the console shows a payload: readable, bounded, and honest about what it cut. */
class PayloadTextTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void utf8BytesBufferAndTextShowAsTheyAre() {
        byte[] bytes = "{\"name\":\"测试\"}".getBytes(StandardCharsets.UTF_8);
        for (Object payload : new Object[] { bytes, Buffer.buffer(bytes), "{\"name\":\"测试\"}" }) {
            assertThat(PayloadText.of(payload, mapper, 100))
                    .isEqualTo(new PayloadText(bytes.length, "{\"name\":\"测试\"}", false));
        }
    }

    @Test
    void aHandlersReplyObjectShowsAsJson() {
        assertThat(PayloadText.of(Map.of("reply", "hi"), mapper, 100).text()).isEqualTo("{\"reply\":\"hi\"}");
    }

    @Test
    void aLongPayloadIsCutAndMarkedWithItsFullSize() {
        PayloadText text = PayloadText.of("x".repeat(1000), mapper, 16);
        assertThat(text.text()).hasSize(16);
        assertThat(text.truncated()).isTrue();
        assertThat(text.bytes()).isEqualTo(1000);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        PayloadText text = PayloadText.of("a".repeat(15) + "😀tail", mapper, 16);
        assertThat(text.text()).isEqualTo("a".repeat(15));
        assertThat(text.truncated()).isTrue();
    }

    @Test
    void bytesThatAreNotUtf8OrHoldControlCharactersShowAsHexadecimal() {
        PayloadText text = PayloadText.of(new byte[] { (byte) 0xff, 0x00, 0x41 }, mapper, 100);
        assertThat(text.text()).isEqualTo("0xff0041");
        assertThat(text.truncated()).isFalse();
        assertThat(PayloadText.of(new byte[40], mapper, 16)).satisfies(cut -> {
            assertThat(cut.text()).isEqualTo("0x" + "00".repeat(8));
            assertThat(cut.truncated()).isTrue();
        });
        assertThat(PayloadText.of("line one\n\tline two\r\n", mapper, 100).text()).isEqualTo("line one\n\tline two\r\n");
    }

    @Test
    void noPayloadIsEmpty() {
        assertThat(PayloadText.of(null, mapper, 100)).isEqualTo(new PayloadText(0, "", false));
    }
}
