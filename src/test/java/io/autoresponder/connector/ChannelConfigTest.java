package io.autoresponder.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Channel attributes every connector shares are checked alike, and an error names the key as configured. */
class ChannelConfigTest {

    private final ChannelConfig incoming = ChannelConfig.incoming("requests");
    private final ChannelConfig outgoing = ChannelConfig.outgoing("replies");

    @Test
    void topicDefaultsToTheChannelName() {
        assertThat(incoming.topic(Optional.empty())).isEqualTo("requests");
        assertThat(outgoing.topic(Optional.of("a/b"))).isEqualTo("a/b");
    }

    @Test
    void incomingTopicIsAFilterWithWildcardsAndSharedGroups() {
        assertThat(incoming.topic(Optional.of("$share/group/devices/+/get"))).isEqualTo("$share/group/devices/+/get");
        assertThatThrownBy(() -> incoming.topic(Optional.of("devices/#/get")))
                .hasMessageStartingWith("mp.messaging.incoming.requests.topic 'devices/#/get': ")
                .hasMessageContaining("MQTT-4.7.1-2");
    }

    @Test
    void outgoingTopicIsANameWithoutWildcards_MQTT_3_3_2_2() {
        assertThatThrownBy(() -> outgoing.topic(Optional.of("replies/+")))
                .hasMessageStartingWith("mp.messaging.outgoing.replies.topic 'replies/+': ");
    }

    @Test
    void qosIsZeroOneOrTwo() {
        assertThat(incoming.qos(2)).isEqualTo(2);
        assertThatThrownBy(() -> incoming.qos(3)).hasMessage("mp.messaging.incoming.requests.qos must be 0, 1 or 2, not 3");
        assertThatThrownBy(() -> outgoing.qos(-1)).hasMessage("mp.messaging.outgoing.replies.qos must be 0, 1 or 2, not -1");
    }

    @Test
    void countsAreChecked() {
        assertThat(incoming.positive("buffer-size", 1)).isEqualTo(1);
        assertThatThrownBy(() -> incoming.positive("buffer-size", 0))
                .hasMessage("mp.messaging.incoming.requests.buffer-size must be positive, not 0");
        assertThat(incoming.notNegative("duplicate-capacity", 0)).isZero();
        assertThatThrownBy(() -> incoming.notNegative("duplicate-capacity", -1))
                .hasMessage("mp.messaging.incoming.requests.duplicate-capacity must not be negative, not -1");
    }

    @Test
    void durationsReadAsQuarkusReadsThem() {
        assertThat(incoming.duration("stall-timeout", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(incoming.duration("stall-timeout", "0s")).isZero();
        assertThat(incoming.duration("duplicate-window", "PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> incoming.duration("stall-timeout", "soon"))
                .hasMessageStartingWith("mp.messaging.incoming.requests.stall-timeout is not a duration");
        assertThatThrownBy(() -> incoming.duration("stall-timeout", "-1s"))
                .hasMessage("mp.messaging.incoming.requests.stall-timeout must not be negative, not '-1s'");
    }
}
