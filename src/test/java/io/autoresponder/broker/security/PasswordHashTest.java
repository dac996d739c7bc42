package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Stored password hashes: salted, checkable, refused clearly when malformed. */
class PasswordHashTest {

    @Test
    void aHashMatchesOnlyItsPassword() {
        String stored = PasswordHash.create("s3cret");

        assertThat(PasswordHash.parse(stored).matches("s3cret")).isTrue();
        assertThat(PasswordHash.parse(stored).matches("s3cret ")).isFalse();
        assertThat(stored).startsWith("pbkdf2-sha256$100000$").doesNotContain("s3cret");
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(PasswordHash.create("same")).isNotEqualTo(PasswordHash.create("same"));
    }

    @Test
    void theDecoyForUnknownUsersMatchesNoPasswordAndCostsWhatACreatedHashCosts() {
        PasswordHash decoy = PasswordHash.decoy();

        assertThat(decoy.matches("")).isFalse();
        assertThat(decoy.matches("decoy")).isFalse();
        assertThat(decoy.sameWorkAs(PasswordHash.parse(PasswordHash.create("s3cret")))).isTrue();
        assertThat(decoy.sameWorkAs(PasswordHash.parse("$6$c2FsdA==$aGFzaA=="))).isFalse();
    }

    @Test
    void malformedHashesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PasswordHash.parse("plaintext")).hasMessageContaining("expected pbkdf2-sha256$");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$10$c2FsdA==$aGFzaA==")).hasMessageContaining("1000");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$many$c2FsdA==$aGFzaA==")).hasMessageContaining("number");
    }

    @Test
    void passwordFileListsUsersAndNamesTheBadLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("passwords");
        java.nio.file.Files.writeString(file, "# users\nalice:" + PasswordHash.create("a") + "\n\nbob:" + PasswordHash.create("b") + "\n");

        assertThat(Authenticator.readPasswordFile(file)).containsOnlyKeys("alice", "bob");
        assertThat(Authenticator.readPasswordFile(file).get("bob").matches("b")).isTrue();

        java.nio.file.Files.writeString(file, "alice:" + PasswordHash.create("a") + "\nbob\n");
        assertThatThrownBy(() -> Authenticator.readPasswordFile(file)).hasMessageContaining("line 2")
                .hasMessageContaining("name:hash");
    }
}
