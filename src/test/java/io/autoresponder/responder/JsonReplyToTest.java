package io.autoresponder.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which {@code replyTo} values a reply may be published to, and why the others are refused. */
class JsonReplyToTest {

    @Test
    void of_aTopicName_withCorrelationId() {
        JsonReplyTo replyTo = JsonReplyTo.of(fields("{\"replyTo\":\"a/b\",\"correlationId\":[1]}"), "test").orElseThrow();

        assertThat(replyTo.topic()).isEqualTo("a/b");
        assertThat(replyTo.correlationId()).hasValueSatisfying(id -> assertThat(id.toString()).isEqualTo("[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"talk\":\"t\"}",
            "{\"replyTo\":null}",
            "not json",
    })
    void of_withoutReplyTo_isEmpty(String payload) {
        assertThat(JsonReplyTo.of(fields(payload), "test")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"replyTo\":\"a/+\"}   | must not contain wildcards [MQTT-3.3.2-2]",
            "{\"replyTo\":\"a/#\"}   | must not contain wildcards [MQTT-3.3.2-2]",
            "{\"replyTo\":\"\"}      | must not be empty [MQTT-4.7.3-1]",
            "{\"replyTo\":7}         | must be a string naming a topic, not number",
            "{\"replyTo\":{}}        | must be a string naming a topic, not object",
            "{\"replyTo\":\"$SYS/x\"} | starts with '$'",
            "{\"replyTo\":\"test\"}  | is the topic the request came on",
    })
    void of_anInvalidReplyTo_throwsWithTheReason(String payload, String reason) {
        assertThatThrownBy(() -> JsonReplyTo.of(fields(payload), "test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void of_aReplyToLongerThanAnMqttString_throws() {
        String topic = "é".repeat(JsonReplyTo.MAX_TOPIC_BYTES / 2 + 1);

        assertThatThrownBy(() -> JsonReplyTo.of(fields("{\"replyTo\":\"" + topic + "\"}"), "test"))
                .hasMessageContaining("longer than 65535 UTF-8 bytes");
    }

    private static RequestFields fields(String json) {
        return RequestFields.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
