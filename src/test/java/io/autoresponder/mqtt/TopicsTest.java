package io.autoresponder.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic names and filters, MQTT 3.1.1 / 5.0 section 4.7. */
class TopicsTest {

    @ParameterizedTest(name = "filter ''{0}'' matches ''{1}''")
    @CsvSource({
            "sport/tennis/player1, sport/tennis/player1",
            "sport/tennis/player1/#, sport/tennis/player1",
            "sport/tennis/player1/#, sport/tennis/player1/ranking",
            "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon",
            "sport/#, sport",
            "#, sport/tennis",
            "sport/tennis/+, sport/tennis/player1",
            "sport/+, sport/",
            "+/+, /finance",
            "/+, /finance",
            "+, finance",
            "$SYS/#, $SYS/broker/uptime",
            "$SYS/+, $SYS/uptime",
    })
    void matches(String filter, String topic) {
        assertThat(Topics.matches(filter, topic)).isTrue();
    }

    @ParameterizedTest(name = "filter ''{0}'' does not match ''{1}''")
    @CsvSource({
            "sport/tennis/player1, sport/tennis/player2",
            "sport/tennis/+, sport/tennis/player1/ranking",
            "sport/+, sport",
            "+, /finance",
            "a/b, a/bc",
            "a/bc, a/b",
            "a/b, a",
            "#, $SYS/uptime",
            "+/monitor/Clients, $SYS/monitor/Clients",
    })
    void doesNotMatch(String filter, String topic) {
        assertThat(Topics.matches(filter, topic)).isFalse();
    }

    @ParameterizedTest(name = "valid filter ''{0}''")
    @ValueSource(strings = { "#", "+", "a/+/b", "a/#", "+/+", "/", "a//b", "$SYS/#", "测试/+", "$share/g/a/#", "$share/g/+" })
    void validFilters(String filter) {
        assertThat(Topics.filterError(filter)).isNull();
    }

    @ParameterizedTest(name = "invalid filter ''{0}''")
    @ValueSource(strings = { "", "a#", "a/#/b", "#/a", "a+", "a/+b", "+a", "a\u0000b", "$share/a+b/x", "$share//x",
            "$share/g/", "$share/g", "$share/g#/x" })
    void invalidFilters(String filter) {
        assertThat(Topics.filterError(filter)).isNotNull();
    }

    @ParameterizedTest(name = "valid name ''{0}''")
    @ValueSource(strings = { "a", "/", "a/b", "$SYS/x", "测试", " " })
    void validNames(String name) {
        assertThat(Topics.nameError(name)).isNull();
    }

    @ParameterizedTest(name = "invalid name ''{0}''")
    @ValueSource(strings = { "", "a/+", "#", "a\u0000", "bad\uFFFD" })
    void invalidNames(String name) {
        assertThat(Topics.nameError(name)).isNotNull();
    }
}
