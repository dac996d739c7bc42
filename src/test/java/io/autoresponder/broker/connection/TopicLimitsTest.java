package io.autoresponder.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code max-topic-length} counts UTF-8 bytes and {@code max-topic-levels} levels, after the spec's own rules. */
class TopicLimitsTest {

    private final TopicLimits limits = new TopicLimits(3, 12);

    @ParameterizedTest(name = "{0}: ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "short ASCII                           | a/b          | ",
            "12 bytes is the limit                 | abcdefghijkl | ",
            "13 bytes is too long                  | abcdefghijklm| max-topic-length",
            "5 characters of 3 bytes are too long  | 测试测试测     | max-topic-length",
            "3 levels is the limit                 | a/b/c        | ",
            "4 levels are too many                 | a/b/c/d      | max-topic-levels",
            "spec rules come first [MQTT-3.3.2-2]   | a/+          | MQTT-3.3.2-2",
    })
    void nameError(String name, String topic, String expected) {
        String error = limits.nameError(topic);
        if (expected == null) {
            assertThat(error).isNull();
        } else {
            assertThat(error).contains(expected);
        }
    }

    @ParameterizedTest(name = "filter ''{0}'' -> {1}")
    @CsvSource({
            "a/+/c, ",
            "+/+/+/+, max-topic-levels",
            "$share/g/#, ",
            "a/#/b, MQTT-4.7.1-2",
    })
    void filterError(String filter, String expected) {
        String error = limits.filterError(filter);
        if (expected == null) {
            assertThat(error).isNull();
        } else {
            assertThat(error).contains(expected);
        }
    }

    @ParameterizedTest(name = "''{0}'' is {1} bytes")
    @CsvSource({ "abc, 3", "é, 2", "测, 3", "\uD83D\uDE00, 4" })
    void utf8Length(String text, int bytes) {
        assertThat(TopicLimits.utf8Length(text)).isEqualTo(bytes);
    }
}
