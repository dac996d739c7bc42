package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.autoresponder.broker.BrokerConfig;

/** Where ACL lines come from: autoresponder.broker.acl.file and autoresponder.broker.acl.rules. */
class AclSourcesTest {

    @TempDir
    Path directory;

    @Test
    void noFileAndNoRulesMeansNoAcl() {
        assertThat(Authorizer.load(acl(null, null)).configured()).isFalse();
    }

    @Test
    void fileIsReadFirstAndEachSourceStartsWithAnonymousRules() throws IOException {
        Path file = Files.writeString(directory.resolve("acl"), "user alice\ntopic readwrite sensors/#\n");

        AclRules rules = Authorizer.load(acl(file, List.of("topic read public/#")));

        assertThat(rules.topicRulesOf("alice")).containsExactly(new AclRule(AclAccess.READWRITE, "sensors/#"));
        assertThat(rules.anonymous()).containsExactly(new AclRule(AclAccess.READ, "public/#"));
    }

    @Test
    void anUnreadableFileStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> Authorizer.load(acl(directory.resolve("missing"), null)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("autoresponder.broker.acl.file");
    }

    @Test
    void anInvalidConfiguredRuleNamesTheKeyAndItsPosition() {
        assertThatThrownBy(() -> Authorizer.load(acl(null, List.of("topic read a/b", "topic read a/#/b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("autoresponder.broker.acl.rules line 2");
    }

    private static BrokerConfig.Acl acl(Path file, List<String> rules) {
        return new BrokerConfig.Acl() {
            @Override
            public Optional<Path> file() {
                return Optional.ofNullable(file);
            }

            @Override
            public Optional<List<String>> rules() {
                return Optional.ofNullable(rules);
            }
        };
    }
}
