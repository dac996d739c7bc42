package io.autoresponder.examples.externalshared;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto (Debian package {@code mosquitto}) in its own process on a free port of 127.0.0.1, with a
 * generated configuration that leaves every other setting at Mosquitto's defaults (shared subscriptions round
 * robin, 20 messages in flight and 1000 queued per client). Its output goes to {@code mosquitto.log} beside the
 * configuration.
 */
final class MosquittoProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path log;
    private final Process process;

    private MosquittoProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts a broker in {@code directory} and returns once it accepts TCP connections. */
    static MosquittoProcess start(Path directory) {
        if (!Files.isExecutable(BINARY)) {
            String missing = "Mosquitto is not installed at " + BINARY
                    + ": this integration test needs a real broker; install it with: apt-get install -y mosquitto";
            // As the repository's own Mosquitto tests: skipped on a developer machine, a failure on CI.
            if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
                Assumptions.abort(missing);
            }
            throw new IllegalStateException(missing);
        }
        int port = FreePort.pick();
        try {
            Files.createDirectories(directory);
            Path config = directory.resolve("mosquitto.conf");
            Files.writeString(config, String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    "allow_anonymous true",
                    // Log to stderr (unbuffered), which goes to mosquitto.log: who connected and subscribed.
                    "log_dest stderr",
                    "log_type all",
                    "connection_messages true",
                    "log_timestamp_format %Y-%m-%dT%H:%M:%S",
                    ""), StandardCharsets.UTF_8);
            Path log = directory.resolve("mosquitto.log");
            Process process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            MosquittoProcess broker = new MosquittoProcess(port, log, process);
            try {
                await("Mosquitto accepting connections on 127.0.0.1:" + port).atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofMillis(50))
                        .failFast(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(
                                        "Mosquitto exited; its log " + log + ":\n" + broker.log());
                            }
                        })
                        .until(broker::acceptsConnections);
            } catch (RuntimeException | Error e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
    }

    int port() {
        return port;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within the stop timeout. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
