package io.autoresponder.support.brokers;

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
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operating-system process of a test broker ({@link Mosquitto}, {@link HiveMq}) on 127.0.0.1:{@code port}:
 * started and awaited until ready, stopped with SIGTERM or killed with SIGKILL, and its files deleted.
 */
final class BrokerProcess {

    private final String name;
    private final int port;
    private final Duration stopTimeout;
    private Process process;

    /** @param name what the broker is called in failures, e.g. "Mosquitto" */
    BrokerProcess(String name, int port, Duration stopTimeout) {
        this.name = name;
        this.port = port;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Starts {@code command} and waits until {@code ready} holds; fails at once with {@code output} when the
     * process exits before.
     */
    synchronized void start(ProcessBuilder command, Duration timeout, Callable<Boolean> ready, Supplier<String> output) {
        try {
            process = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.command(), e);
        }
        Process started = process;
        await(name + " accepting connections on port " + port).atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .failFast(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException(name + " exited: " + output.get());
                    }
                })
                .until(ready);
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGTERM, then waits for the exit (SIGKILL after the stop timeout). */
    synchronized void stop() {
        if (process != null) {
            process.destroy();
            awaitExit();
        }
    }

    /** SIGKILL: no chance to save anything. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** Kills the process if it runs and deletes {@code directory}. */
    synchronized void close(Path directory) {
        if (isRunning()) {
            kill();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }

    /** Whether something accepts TCP connections on the broker's port right now. */
    boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(stopTimeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(stopTimeout.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
    }

    /** The text a broker wrote to {@code file} so far (its log or output); empty before it wrote any. */
    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
