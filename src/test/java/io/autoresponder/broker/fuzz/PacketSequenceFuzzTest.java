package io.autoresponder.broker.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.broker.EmbeddedBroker;
import io.autoresponder.broker.session.SessionStore;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.fuzz.AdversarialSession;
import io.autoresponder.support.fuzz.BrokerInvariants;
import io.autoresponder.support.fuzz.FuzzBudget;
import io.autoresponder.support.fuzz.FuzzProfile;

/**
 * Sequences of well-formed packets in adversarial order and state ({@link AdversarialSession}), eight at a time,
 * against the embedded broker, with the invariants of {@link BrokerInvariants} checked after every batch of 100.
 * 1,000 sequences by default; a long run with {@code -Dfuzz.cases=N} (docs/fuzzing.md).
 */
@QuarkusTest
@TestProfile(FuzzProfile.class)
@WithTestResource(FreeBrokerPort.class)
class PacketSequenceFuzzTest {

    private static final int BATCH = 100;
    private static final int PARALLEL = 8;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Inject
    EmbeddedBroker broker;

    @Inject
    SessionStore sessions;

    @Test
    void adversarialSequencesLeaveTheBrokerAsTheyFoundIt() throws Exception {
        FuzzBudget budget = FuzzBudget.of("adversarial packet sequences", 1_000, Duration.ofSeconds(90));
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try (BrokerInvariants invariants = new BrokerInvariants(port, broker::connectionCount, sessions::size)) {
            long seed = budget.seed();
            while (budget.another()) {
                List<Future<?>> batch = new ArrayList<>(BATCH);
                List<AdversarialSession> runs = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH && budget.another(); i++) {
                    AdversarialSession session = new AdversarialSession(port, seed++);
                    runs.add(session);
                    batch.add(pool.submit(session::run));
                    budget.ran();
                }
                for (Future<?> run : batch) {
                    run.get();
                }
                try {
                    invariants.check(null);
                } catch (AssertionError failed) {
                    throw new AssertionError("after the sequences of seeds " + (seed - runs.size()) + " to " + (seed - 1)
                            + ", e.g. " + runs.get(0).log(), failed);
                }
            }
            invariants.heapGrewLessThan(64L * 1024 * 1024);
        } finally {
            pool.shutdownNow();
            budget.finish();
        }
        assertThat(budget.done()).isPositive();
    }
}
