package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttAuth;

import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.EmbeddedBroker;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.Packets;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * The check of a CONNECT's credentials is asynchronous, so the client can leave before it ends. The test holds
 * each check until it chooses to answer it, which makes both orders of close and acceptance deterministic:
 * either way, nothing stays registered.
 */
@QuarkusTest
@TestProfile(AuthenticationRaceTest.HeldChecks.class)
@WithTestResource(FreeBrokerPort.class)
class AuthenticationRaceTest {

    /** Credentials checks answered by the test. */
    public static class HeldChecks implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(HeldAuthenticator.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.broker.auth.anonymous", "false");
        }
    }

    /** Answers each check when the test completes its promise, on the connection's event loop. */
    @Alternative
    @jakarta.inject.Singleton
    static class HeldAuthenticator extends Authenticator {
        static final BlockingQueue<Promise<Outcome>> HELD = new LinkedBlockingQueue<>();

        HeldAuthenticator(Vertx vertx, BrokerConfig config) {
            super(vertx, config);
        }

        @Override
        public Future<Outcome> authenticate(MqttAuth auth) {
            Promise<Outcome> check = io.vertx.core.impl.ContextInternal.current().promise();
            HELD.add(check);
            return check.future();
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Inject
    EmbeddedBroker broker;

    private final Packets v311 = new Packets(Packets.V311);

    @Test
    void aClientThatLeavesBeforeItsCredentialsAreAcceptedIsNeverRegistered() throws Exception {
        Promise<Authenticator.Outcome> check;
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.send(v311.connect("race-" + UUID.randomUUID()).credentials("alice", "secret").bytes());
            check = HeldAuthenticator.HELD.poll(10, TimeUnit.SECONDS);
            assertThat(check).as("the credentials check started").isNotNull();
        }
        Thread.sleep(300); // the broker sees the close

        check.complete(Authenticator.Outcome.ACCEPTED);

        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> broker.connectionCount() == 0);
    }

    @Test
    void aClientThatLeavesAfterItsCredentialsWereAcceptedIsUnregistered() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.send(v311.connect("race-" + UUID.randomUUID()).credentials("alice", "secret").bytes());
            Promise<Authenticator.Outcome> check = HeldAuthenticator.HELD.poll(10, TimeUnit.SECONDS);
            assertThat(check).as("the credentials check started").isNotNull();

            check.complete(Authenticator.Outcome.ACCEPTED);

            assertThat(raw.readPacket().type()).as("CONNACK").isEqualTo(2);
            assertThat(broker.connectionCount()).isEqualTo(1);
        }
        await().atMost(WAIT).until(() -> broker.connectionCount() == 0);
    }
}
