package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an ACL filter relates to a subscription filter (topic filters: MQTT 3.1.1 / 5.0 section 4.7). */
class FilterRelationsTest {

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
        assertThat(FilterRelations.covers(outer, inner)).isTrue();
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
        assertThat(FilterRelations.covers(outer, inner)).isFalse();
    }

    @ParameterizedTest(name = "''{0}'' overlaps ''{1}''")
    @CsvSource({
            "a/b, a/b",
            "#, sensors/t1",
            "sensors/#, #",
            "sensors/+/temp, sensors/t1/+",
            "devices/dev-1/#, devices/+/state",
            "a/#, a",                  // [MQTT-4.7.1-2]
            "a, a/#",
            "+/+, a/b",
            "$SYS/#, $SYS/+",
    })
    void overlaps(String a, String b) {
        assertThat(FilterRelations.overlaps(a, b)).isTrue();
        assertThat(FilterRelations.overlaps(b, a)).as("symmetric").isTrue();
    }

    @ParameterizedTest(name = "''{0}'' does not overlap ''{1}''")
    @CsvSource({
            "a/b, a/c",
            "sensors/#, other/#",
            "a/+, a",
            "a/+, a/b/c",
            "#, $SYS/broker",          // [MQTT-4.7.2-1]
            "+/broker, $SYS/#",
            "a/b/c, a/+",
    })
    void doesNotOverlap(String a, String b) {
        assertThat(FilterRelations.overlaps(a, b)).isFalse();
        assertThat(FilterRelations.overlaps(b, a)).as("symmetric").isFalse();
    }
}
