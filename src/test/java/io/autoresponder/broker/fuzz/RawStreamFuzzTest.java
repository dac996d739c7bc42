package io.autoresponder.broker.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.broker.EmbeddedBroker;
import io.autoresponder.broker.session.SessionStore;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.fuzz.BrokerInvariants;
import io.autoresponder.support.fuzz.FuzzBudget;
import io.autoresponder.support.fuzz.FuzzProfile;
import io.autoresponder.support.fuzz.HostileClient;
import io.autoresponder.support.fuzz.Mutator;

/**
 * Raw MQTT 3.1.1 and 5.0 byte streams against the embedded broker on loopback, each on its own connection, with
 * the invariants of {@link BrokerInvariants} checked after them.
 * <ul>
 * <li>{@link #rawStream}: Jazzer's regression run over the committed corpus ({@code RawStreamFuzzTestInputs}:
 * valid sessions and the hostile inputs found so far, among them the second CONNECT that leaked a registration).
 * Each input is sent whole and then in two pieces.</li>
 * <li>{@link #mutatedStreams}: the corpus mutated as a hostile client would ({@link Mutator}), 16 connections at
 * a time; 3,000 cases by default, a long run with {@code -Dfuzz.cases=200000} (docs/fuzzing.md).</li>
 * </ul>
 */
@QuarkusTest
@TestProfile(FuzzProfile.class)
@WithTestResource(FreeBrokerPort.class)
class RawStreamFuzzTest {

    private static final Path CORPUS = Path.of("src/test/resources/io/autoresponder/broker/fuzz/RawStreamFuzzTestInputs/rawStream");
    private static final int CHECK_EVERY = 1_000;
    private static final int PARALLEL = 16;

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Inject
    EmbeddedBroker broker;

    @Inject
    SessionStore sessions;

    private BrokerInvariants invariants;

    @BeforeEach
    void baseline() {
        invariants = new BrokerInvariants(port, broker::connectionCount, sessions::size);
    }

    @AfterEach
    void stopCapturing() {
        invariants.close();
    }

    @FuzzTest
    void rawStream(byte[] input) {
        HostileClient client = new HostileClient(port);
        client.send(input, HostileClient.Manner.WRITE_AND_LISTEN);
        client.send(input, HostileClient.Manner.IN_PIECES);
        invariants.check(input);
    }

    @Test
    void mutatedStreams() throws Exception {
        FuzzBudget budget = FuzzBudget.of("raw MQTT streams", 3_000, Duration.ofSeconds(90));
        Mutator mutator = new Mutator(corpus(), budget.seed());
        HostileClient client = new HostileClient(port);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        AtomicLong answeredBytes = new AtomicLong();
        try {
            while (budget.another()) {
                List<Future<?>> batch = new ArrayList<>(CHECK_EVERY);
                List<byte[]> inputs = new ArrayList<>(CHECK_EVERY);
                for (int i = 0; i < CHECK_EVERY && budget.another(); i++) {
                    byte[] input = mutator.next();
                    inputs.add(input);
                    HostileClient.Manner manner = HostileClient.Manner.of(input.length);
                    batch.add(pool.submit(() -> answeredBytes.addAndGet(Math.max(0, client.send(input, manner)))));
                    budget.ran();
                }
                for (Future<?> sent : batch) {
                    sent.get();
                }
                try {
                    invariants.check(null);
                } catch (AssertionError failure) {
                    throw invariants.culprit(inputs, client, failure);
                }
            }
        } finally {
            pool.shutdownNow();
            budget.finish();
        }
        System.out.printf("[fuzz] raw MQTT streams: the broker answered with %d bytes in all%n", answeredBytes.get());
        invariants.heapGrewLessThan(64L * 1024 * 1024);
    }

    private static List<byte[]> corpus() {
        try (var files = Files.list(CORPUS)) {
            return files.sorted().map(file -> {
                try {
                    return Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
