package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttAuth;

import io.autoresponder.broker.BrokerConfig;

/**
 * A password handed over in plain text ({@code autoresponder.broker.auth.plain-passwords.<name>}, as the Helm
 * chart's generated user arrives from a Kubernetes Secret in an environment variable) is hashed when its user first
 * connects and checked like any other user's.
 */
class PlainPasswordsTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aPlainPasswordFromAnEnvironmentVariableLetsItsUserIn() {
        Authenticator authenticator = fromEnvironment(Map.of("AUTORESPONDER_BROKER_AUTH_ANONYMOUS", "false",
                "AUTORESPONDER_BROKER_AUTH_PLAIN_PASSWORDS_AUTORESPONDER", "pa55 w0rd:é"));

        assertThat(check(authenticator, "autoresponder", "pa55 w0rd:é")).isEqualTo(Authenticator.Outcome.ACCEPTED);
        assertThat(check(authenticator, "autoresponder", "pa55 w0rd")).isEqualTo(Authenticator.Outcome.BAD_CREDENTIALS);
        assertThat(check(authenticator, null, null)).isEqualTo(Authenticator.Outcome.NOT_AUTHORIZED);
    }

    @Test
    void plainPasswordsSitNextToHashedUsers() {
        Authenticator authenticator = fromEnvironment(Map.of("AUTORESPONDER_BROKER_AUTH_ANONYMOUS", "false",
                "AUTORESPONDER_BROKER_AUTH_USERS_ALICE", PasswordHash.create("alice's"),
                "AUTORESPONDER_BROKER_AUTH_PLAIN_PASSWORDS_BOB", "bob's"));

        assertThat(check(authenticator, "alice", "alice's")).isEqualTo(Authenticator.Outcome.ACCEPTED);
        assertThat(check(authenticator, "bob", "bob's")).isEqualTo(Authenticator.Outcome.ACCEPTED);
    }

    @Test
    void concurrentFirstConnectsOfOneUserAllGetTheSameAnswer() {
        Authenticator authenticator = fromEnvironment(Map.of("AUTORESPONDER_BROKER_AUTH_ANONYMOUS", "false",
                "AUTORESPONDER_BROKER_AUTH_PLAIN_PASSWORDS_DAVE", "dave's"));

        var checks = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> authenticator.authenticate(new MqttAuth("dave", i % 2 == 0 ? "dave's" : "wrong"))
                        .toCompletionStage().toCompletableFuture())
                .toList();

        assertThat(checks).extracting(java.util.concurrent.CompletableFuture::join).containsExactly(
                Authenticator.Outcome.ACCEPTED, Authenticator.Outcome.BAD_CREDENTIALS, Authenticator.Outcome.ACCEPTED,
                Authenticator.Outcome.BAD_CREDENTIALS, Authenticator.Outcome.ACCEPTED,
                Authenticator.Outcome.BAD_CREDENTIALS);
    }

    @Test
    void anEmptyPlainPasswordStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> config(Map.of("AUTORESPONDER_BROKER_AUTH_PLAIN_PASSWORDS_CAROL", "")))
                .hasMessageContaining("autoresponder.broker.auth.plain-passwords.carol");
    }

    private static Authenticator fromEnvironment(Map<String, String> environment) {
        return new Authenticator(vertx, config(environment));
    }

    private static BrokerConfig config(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(BrokerConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(environment, 300)).build();
        return config.getConfigMapping(BrokerConfig.class);
    }

    private static Authenticator.Outcome check(Authenticator authenticator, String user, String password) {
        MqttAuth auth = user == null ? null : new MqttAuth(user, password);
        return authenticator.authenticate(auth).toCompletionStage().toCompletableFuture().join();
    }
}
