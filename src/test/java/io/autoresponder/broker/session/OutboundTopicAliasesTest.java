package io.autoresponder.broker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.autoresponder.broker.session.OutboundTopicAliases.Choice;

/** Which topic name and alias the broker sends (MQTT 5.0 section 3.3.2.3.4). */
class OutboundTopicAliasesTest {

    @Test
    void theFirstMessageOnATopicNamesItAndSetsAnAliasLaterOnesSendTheAliasOnly() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(3);

        assertThat(aliases.choose("devices/1/state")).isEqualTo(new Choice("devices/1/state", 1));
        assertThat(aliases.choose("devices/1/state")).isEqualTo(new Choice("", 1));
        assertThat(aliases.choose("devices/2/state")).isEqualTo(new Choice("devices/2/state", 2));
        assertThat(aliases.choose("devices/1/state")).isEqualTo(new Choice("", 1));
    }

    // [MQTT-3.3.2-8]: never an alias above the client's maximum; the least recently used one moves on.
    @Test
    void whenEveryAliasIsTakenTheLeastRecentlyUsedOneGoesToTheNewTopicWithItsName() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(2);
        aliases.choose("a");
        aliases.choose("b");
        aliases.choose("a"); // b is now the least recently used

        assertThat(aliases.choose("c")).isEqualTo(new Choice("c", 2));
        assertThat(aliases.choose("a")).isEqualTo(new Choice("", 1));
        assertThat(aliases.choose("b")).as("b lost its alias to c").isEqualTo(new Choice("b", 2));
        assertThat(aliases.size()).isEqualTo(2);
    }

    @Test
    void aliasesRunFromOneToTheMaximumAndZeroIsNoMaximum() {
        OutboundTopicAliases aliases = new OutboundTopicAliases(65_535);
        for (int i = 1; i <= 1000; i++) {
            assertThat(aliases.choose("t/" + i).alias()).isEqualTo(i);
        }
        assertThatThrownBy(() -> new OutboundTopicAliases(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboundTopicAliases(65_536)).isInstanceOf(IllegalArgumentException.class);
    }
}
