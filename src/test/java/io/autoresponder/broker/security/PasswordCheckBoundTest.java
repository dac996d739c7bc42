package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.Packets;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * Password checks cost CPU by design, so only {@code max-pending-checks} run or wait at once: a burst of CONNECTs
 * with passwords beyond that is refused at once as server unavailable (MQTT 3.1.1 0x03), not queued behind the
 * hashing, and each refusal is counted.
 */
@QuarkusTest
@TestProfile(PasswordCheckBoundTest.OneCheckAtATime.class)
@WithTestResource(FreeBrokerPort.class)
class PasswordCheckBoundTest {

    /** One password check at a time, one user. */
    public static class OneCheckAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.broker.auth.anonymous", "false",
                    "autoresponder.broker.auth.max-pending-checks", "1",
                    "autoresponder.broker.auth.users.alice", PasswordHash.create(AuthenticationTest.PASSWORD));
        }
    }

    private static final int BURST = 20;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void connectsBeyondThePasswordChecksInFlightAreRefusedAsServerUnavailable() throws Exception {
        double refusedBefore = PrometheusText.sample(
                "autoresponder_broker_connections_refused_total{reason=\"server_unavailable\"}");
        Packets v311 = new Packets(Packets.V311);
        List<RawMqttSocket> burst = new ArrayList<>(BURST);
        try {
            // All CONNECTs are out before the first check (tens of milliseconds of hashing) can end.
            for (int i = 0; i < BURST; i++) {
                RawMqttSocket raw = new RawMqttSocket(port);
                burst.add(raw);
                raw.send(v311.connect("burst-" + i).credentials("alice", AuthenticationTest.PASSWORD).bytes());
            }
            int accepted = 0;
            int busy = 0;
            for (RawMqttSocket raw : burst) {
                int code = raw.readPacket().body()[1];
                accepted += code == 0 ? 1 : 0;
                busy += code == 3 ? 1 : 0;
            }

            assertThat(accepted).as("accepted").isPositive();
            assertThat(busy).as("refused as server unavailable").isPositive();
            assertThat(accepted + busy).isEqualTo(BURST);
            assertThat(PrometheusText.sample("autoresponder_broker_connections_refused_total{reason=\"server_unavailable\"}"))
                    .isEqualTo(refusedBefore + busy);
        } finally {
            for (RawMqttSocket raw : burst) {
                raw.close();
            }
        }
    }
}
