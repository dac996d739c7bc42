package io.autoresponder.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.autoresponder.mqtt.Topics;

/** The topic tree matches exactly as the filter rules of section 4.7 say, and leaves nothing behind. */
class TopicTreeTest {

    @ParameterizedTest(name = "filter ''{0}'' against ''{1}'': {2}")
    @CsvSource({
            "sport/tennis/player1, sport/tennis/player1, true",
            "sport/tennis/player1/#, sport/tennis/player1, true", // [MQTT-4.7.1-2] parent level
            "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon, true",
            "sport/#, sport, true",
            "#, sport/tennis, true",
            "sport/tennis/+, sport/tennis/player1, true",
            "sport/tennis/+, sport/tennis/player1/ranking, false",
            "sport/+, sport, false",
            "sport/+, sport/, true",
            "+/+, /finance, true",
            "/+, /finance, true",
            "+, /finance, false",
            "a/b, a/bc, false",
            "#, $SYS/uptime, false", // [MQTT-4.7.2-1]
            "+/monitor/Clients, $SYS/monitor/Clients, false", // [MQTT-4.7.2-1]
            "$SYS/#, $SYS/broker/uptime, true",
            "$SYS/+/uptime, $SYS/broker/uptime, true",
    })
    void matchesLikeTheSpecification(String filter, String topic, boolean matches) {
        TopicTree<String> tree = new TopicTree<>();
        tree.update(filter, old -> filter);
        List<String> matched = new ArrayList<>();

        tree.forEachMatch(topic, matched::add);

        assertThat(matched).isEqualTo(matches ? List.of(filter) : List.of());
        assertThat(Topics.matches(filter, topic)).as("same answer as Topics.matches").isEqualTo(matches);
    }

    @Test
    void everyMatchingFilterIsVisitedOnce() {
        TopicTree<String> tree = new TopicTree<>();
        for (String filter : List.of("a/b/c", "a/+/c", "a/#", "+/b/#", "#", "a/b", "x/#")) {
            tree.update(filter, old -> filter);
        }
        List<String> matched = new ArrayList<>();

        tree.forEachMatch("a/b/c", matched::add);

        assertThat(matched).containsExactlyInAnyOrder("a/b/c", "a/+/c", "a/#", "+/b/#", "#");
    }

    @Test
    void removingTheLastValuePrunesItsBranch() {
        TopicTree<String> tree = new TopicTree<>();
        tree.update("a/b/c", old -> "x");
        tree.update("a/b", old -> "y");

        tree.update("a/b/c", old -> null);
        assertThat(tree.isEmpty()).isFalse();
        tree.update("a/b", old -> null);

        assertThat(tree.isEmpty()).isTrue();
    }
}
