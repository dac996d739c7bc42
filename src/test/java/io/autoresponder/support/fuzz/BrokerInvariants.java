package io.autoresponder.support.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;

import io.autoresponder.support.LogCapture;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * What must hold after any input, however hostile: the connections and sessions are back to what they were, the
 * broker still answers a well-behaved client, nothing was logged at ERROR (an uncaught exception that reached
 * Vert.x is logged at ERROR too), and the heap did not grow without bound.
 */
public final class BrokerInvariants implements AutoCloseable {

    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final int port;
    private final IntSupplier connections;
    private final IntSupplier sessions;
    private final LogCapture errors = LogCapture.errors();
    private final int baselineConnections;
    private final int baselineSessions;
    private final long baselineHeap;

    /**
     * Invariants of an application with no network client of its own (its responder is in-process): after any
     * input, no connection and no session is left. A baseline read at the start could catch the previous input's
     * connection before the broker saw it close.
     */
    public BrokerInvariants(int port, IntSupplier connections, IntSupplier sessions) {
        this.port = port;
        this.connections = connections;
        this.sessions = sessions;
        this.baselineConnections = 0;
        this.baselineSessions = 0;
        this.baselineHeap = heapAfterGc();
    }

    /** Checks every invariant after {@code input} (shown in hex when one fails). */
    public void check(byte[] input) {
        String what = input == null ? "the run" : "input " + HexFormat.of().formatHex(input, 0, Math.min(input.length, 256));
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(connections.getAsInt()).as("connections after " + what).isEqualTo(baselineConnections);
            assertThat(sessions.getAsInt()).as("sessions after " + what).isEqualTo(baselineSessions);
        });
        try (RawMqttSocket client = new RawMqttSocket(port)) {
            assertThat(client.connect("well-behaved-" + UUID.randomUUID())).as("CONNACK after " + what).isZero();
            assertThat(client.ping()).as("PINGRESP after " + what).isTrue();
        } catch (java.io.IOException e) {
            throw new AssertionError("the broker does not answer after " + what, e);
        }
        assertThat(errors.lines()).as("ERROR lines after " + what).isEmpty();
    }

    /**
     * After {@link #check} failed for a batch of inputs: replays each on its own until one breaks an invariant,
     * keeps it in {@code target/fuzz-findings} (add it to the corpus once fixed) and throws that failure.
     */
    public AssertionError culprit(List<byte[]> batch, HostileClient client, AssertionError batchFailure) {
        for (byte[] input : batch) {
            errors.clear();
            client.send(input, HostileClient.Manner.WRITE_AND_LISTEN);
            try {
                check(input);
            } catch (AssertionError failure) {
                try {
                    Path findings = Files.createDirectories(Path.of("target", "fuzz-findings"));
                    Path file = findings.resolve("finding-" + Integer.toHexString(java.util.Arrays.hashCode(input)));
                    Files.write(file, input);
                    failure.addSuppressed(new AssertionError("input kept in " + file));
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
                return failure;
            }
        }
        batchFailure.addSuppressed(new AssertionError("no input of the batch breaks an invariant on its own"));
        return batchFailure;
    }

    /** The heap after a full GC grew by less than {@code bytes} since the start. */
    public void heapGrewLessThan(long bytes) {
        long growth = heapAfterGc() - baselineHeap;
        System.out.printf("[fuzz] heap after GC: %+d KiB since the start%n", growth / 1024);
        assertThat(growth).as("heap growth after GC, bytes").isLessThan(bytes);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        errors.close();
    }
}
