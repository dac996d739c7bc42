package io.autoresponder.support.brokers;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Debian's command-line clients {@code mosquitto_pub} and {@code mosquitto_sub} (package {@code mosquitto-clients}),
 * an MQTT implementation independent of ours, run as processes against a broker on 127.0.0.1. Every process is
 * bounded: {@code mosquitto_pub} by a wait with a timeout, {@code mosquitto_sub} by its own {@code -W} timeout and by
 * {@link Subscriber#close()}, which kills it.
 */
public final class MosquittoClients {

    public static final Path PUB = Path.of("/usr/bin/mosquitto_pub");
    public static final Path SUB = Path.of("/usr/bin/mosquitto_sub");
    private static final Path STDBUF = Path.of("/usr/bin/stdbuf");
    /** What to tell people who miss them. */
    public static final String INSTALL_HINT = "apt-get install -y mosquitto-clients";

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SUBSCRIBED_TIMEOUT = Duration.ofSeconds(20);
    /** mosquitto_sub exits by itself after this long, whatever happens to the test JVM. */
    private static final int SUBSCRIBER_LIFETIME_SECONDS = 120;

    private MosquittoClients() {
    }

    /** Whether both clients are installed. */
    public static boolean installed() {
        return Files.isExecutable(PUB) && Files.isExecutable(SUB);
    }

    /**
     * Runs {@code mosquitto_pub -d -h 127.0.0.1 -p port args...} to its end and returns its output (with the debug
     * lines that show the packets it exchanged). Fails if it does not exit 0 in time.
     */
    public static String publish(int port, String... args) {
        List<String> command = new ArrayList<>(List.of(PUB.toString(), "-d", "-h", "127.0.0.1", "-p",
                Integer.toString(port)));
        command.addAll(List.of(args));
        Path output = tempFile("mosquitto_pub-");
        Process process = start(command, output);
        try {
            if (!process.waitFor(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("mosquitto_pub did not finish in " + PUBLISH_TIMEOUT + ": " + read(output));
            }
            String text = read(output);
            if (process.exitValue() != 0) {
                throw new AssertionError("mosquitto_pub exited with " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process.destroyForcibly();
            delete(output);
        }
    }

    /**
     * Starts {@code mosquitto_sub -d -h 127.0.0.1 -p port args...} and returns once the broker acknowledged its
     * subscription (the SUBACK in its debug output), so anything published afterwards reaches it.
     */
    public static Subscriber subscribe(int port, String... args) {
        // Line-buffered: written to a file, its output would otherwise wait in stdio's buffer until a message
        // flushes it, SUBACK line included. stdbuf (coreutils) execs the client, so the process is mosquitto_sub.
        List<String> command = new ArrayList<>(List.of(STDBUF.toString(), "-oL", SUB.toString(), "-d", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-W", Integer.toString(SUBSCRIBER_LIFETIME_SECONDS)));
        command.addAll(List.of(args));
        Path output = tempFile("mosquitto_sub-");
        Subscriber subscriber = new Subscriber(start(command, output), output);
        try {
            subscriber.awaitLine(line -> line.contains("received SUBACK"), SUBSCRIBED_TIMEOUT);
        } catch (RuntimeException | AssertionError e) {
            subscriber.close();
            throw e;
        }
        return subscriber;
    }

    /** A running {@code mosquitto_sub}: its output so far, and a kill switch. */
    public static final class Subscriber implements AutoCloseable {

        private final Process process;
        private final Path output;

        private Subscriber(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        /** Every line printed so far (debug lines and messages). */
        public List<String> lines() {
            return read(output).lines().toList();
        }

        /** The first line matching {@code wanted}, waiting for it at most {@code timeout}. */
        public String awaitLine(Predicate<String> wanted, Duration timeout) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .failFast("mosquitto_sub exited", () -> !process.isAlive() && find(wanted).isEmpty())
                    .until(() -> find(wanted).isPresent());
            return find(wanted).orElseThrow();
        }

        /** The first {@code count} lines matching {@code wanted}, waiting for them at most {@code timeout}. */
        public List<String> awaitLines(Predicate<String> wanted, int count, Duration timeout) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .failFast("mosquitto_sub exited", () -> !process.isAlive() && matching(wanted).size() < count)
                    .until(() -> matching(wanted).size() >= count);
            return matching(wanted).subList(0, count);
        }

        /** Every line so far matching {@code wanted}. */
        public List<String> matching(Predicate<String> wanted) {
            return lines().stream().filter(wanted).toList();
        }

        private Optional<String> find(Predicate<String> wanted) {
            return lines().stream().filter(wanted).findFirst();
        }

        /** SIGKILL: the process dies without sending DISCONNECT, as a crashed device would. */
        public void kill() {
            process.destroyForcibly();
            waitForExit();
        }

        /** Whether the process still runs. */
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void close() {
            kill();
            delete(output);
        }

        private void waitForExit() {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("mosquitto_sub did not die after SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return String.join("\n", lines());
        }
    }

    private static Process start(List<String> command, Path output) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + " (" + INSTALL_HINT + ")", e);
        }
    }

    private static Path tempFile(String prefix) {
        try {
            return Files.createTempFile(prefix, ".out");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
