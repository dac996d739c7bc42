package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading ACL lines in the format of Mosquitto's acl_file. */
class AclParserTest {

    @Test
    void topicLinesBeforeAnyUserLineAreForAnonymousClientsAndAfterItForThatUser() {
        AclRules rules = parse("# comment", "", "topic read public/#", "user alice", "topic sensors/#",
                "topic deny sensors/secret", "user bob", "pattern write devices/%c/status");

        assertThat(rules.anonymous()).containsExactly(new AclRule(AclAccess.READ, "public/#"));
        assertThat(rules.topicRulesOf("alice")).containsExactly(new AclRule(AclAccess.READWRITE, "sensors/#"),
                new AclRule(AclAccess.DENY, "sensors/secret"));
        assertThat(rules.topicRulesOf("bob")).isEmpty();
        assertThat(rules.patterns()).containsExactly(new AclRule(AclAccess.WRITE, "devices/%c/status"));
    }

    @Test
    void aFilterWithSpacesNeedsTheAccessWord() {
        assertThat(parse("topic readwrite room 1/light").anonymous())
                .containsExactly(new AclRule(AclAccess.READWRITE, "room 1/light"));
    }

    @Test
    void noLinesMeansNoAcl() {
        assertThat(parse("# only a comment").configured()).isFalse();
    }

    @Test
    void aUserLineAloneTurnsTheAclOn() {
        assertThat(parse("user alice").configured()).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "subscribe read a/b | expected 'topic', 'pattern' or 'user'",
            "topic | a topic filter is missing",
            "topic read | a topic filter is missing",
            "user | needs a user name",
            "topic read a/#/b | [MQTT-4.7.1-2]",
            "pattern write a/%c+ | [MQTT-4.7.1-3]",
            "topic read $share/g/a | not shared subscriptions",
    })
    void invalidLinesAreRefusedNamingSourceAndLine(String line, String reason) {
        assertThatThrownBy(() -> parse("# first", line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test line 2").hasMessageContaining(reason);
    }

    private static AclRules parse(String... lines) {
        AclRules.Builder builder = new AclRules.Builder();
        AclParser.parse(List.of(lines), "test", builder);
        return builder.build();
    }
}
