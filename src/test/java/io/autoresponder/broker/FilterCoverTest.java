package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether an ACL filter includes a subscription filter (topic filters: MQTT 3.1.1 / 5.0 section 4.7). */
class FilterCoverTest {

    @ParameterizedTest(name = "''{0}'' covers ''{1}''")
    @CsvSource({
            "a/b, a/b",
            "a/+, a/b",
            "a/+, a/+",
            "a/#, a/b/c",
            "a/#, a/+/c",
            "a/#, a/#",
            "a/#, a",                  // [MQTT-4.7.1-2] a/# matches its parent a
            "#, a/+/#",
            "+/+, +/b",
            "$SYS/#, $SYS/broker/+",
    })
    void covers(String outer, String inner) {
        assertThat(FilterCover.covers(outer, inner)).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' does not cover ''{1}''")
    @CsvSource({
            "a/b, a/+",                // a literal level never covers a wildcard
            "a/+, a/#",
            "a/+, a/b/c",
            "a/+/#, a/#",              // a/# also matches a, which a/+/# does not
            "a/b, a",
            "a, a/b",
            "a/b, a/c",
            "#, $SYS/broker",          // [MQTT-4.7.2-1] wildcard-first filters do not match $ topics
            "+/broker, $SYS/broker",
            "a/+/c, a/b/#",
    })
    void doesNotCover(String outer, String inner) {
        assertThat(FilterCover.covers(outer, inner)).isFalse();
    }
}
