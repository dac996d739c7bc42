package io.autoresponder.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package} before the
 * integration tests) running in its own JVM, configured with {@code -D} properties, with its HTTP port chosen
 * free and its output in {@code target/it-logs/}. It can be stopped as Kubernetes does (SIGTERM) or killed
 * (SIGKILL).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path LOGS = Path.of("target", "it-logs");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int httpPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /** Starts the service with {@code config} as system properties; does not wait for it to be ready. */
    public static ServiceProcess start(String name, Map<String, String> config) {
        return start(name, config, Map.of());
    }

    /**
     * Starts the service with {@code config} as system properties and {@code environment} added to its
     * environment (as a container gets it); does not wait for it to be ready.
     */
    public static ServiceProcess start(String name, Map<String, String> config, Map<String, String> environment) {
        // Small and quick to start: several of these share two cores with the build.
        return start(name, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"), JAR, config, environment);
    }

    /**
     * Starts {@code jar} with the JVM command {@code java} (the executable and its flags) and {@code config} as
     * system properties; does not wait for it to be ready.
     */
    public static ServiceProcess start(String name, List<String> java, Path jar, Map<String, String> config,
            Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after 'package' (./mvnw verify)");
        }
        int httpPort = FreeBrokerPort.freePort();
        List<String> command = new ArrayList<>(java);
        command.add("-Dquarkus.http.port=" + httpPort);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(name + "-" + System.currentTimeMillis() + ".log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new ServiceProcess(name, httpPort, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess awaitReady() {
        await(name + " ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .failFast(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited; its log:\n" + log());
                    }
                })
                .until(() -> status("/q/health/ready") == 200);
        return this;
    }

    /** HTTP status of {@code GET path}, or -1 when nothing answers. */
    public int status(String path) {
        try {
            return HTTP.send(get(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Value of a Prometheus sample such as {@code autoresponder_requests_received_total{channel="test"}}; 0 if absent. */
    public double metric(String series) {
        String body;
        try {
            body = HTTP.send(get(HealthPaths.METRICS), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    /** Requests this instance took from its incoming channel. */
    public long requestsReceived() {
        return (long) metric("autoresponder_requests_received_total{channel=\"test\"}");
    }

    /** SIGTERM, as Kubernetes stops a pod; waits for the exit and returns the exit code. */
    public int stopGracefully() {
        process.destroy();
        return awaitExit();
    }

    /** SIGKILL: no shutdown code runs. */
    public int kill() {
        process.destroyForcibly();
        return awaitExit();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the service printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private int awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
    }
}
