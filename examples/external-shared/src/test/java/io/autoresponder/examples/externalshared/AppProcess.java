package io.autoresponder.examples.externalshared;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the packaged application ({@code java -jar quarkus-run.jar}) in its own process. Instances
 * differ only in configuration: their name ({@code example.instance}), HTTP port and the broker's port (in
 * {@code MQTT_HOST}/{@code MQTT_PORT}, as a container would get them). Output goes to {@code <name>.log}.
 */
final class AppProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private AppProcess(String name, int httpPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /** Starts instance {@code name} of {@code jar} against the broker on 127.0.0.1:{@code brokerPort}. */
    static AppProcess start(Path jar, String name, int brokerPort, Path logs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after package (mvn verify)");
        }
        int httpPort = FreePort.pick();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small and quick to start: two of them share a small machine with the build.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-Dquarkus.http.port=" + httpPort,
                "-Dexample.instance=" + name,
                "-jar", jar.toString());
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("MQTT_HOST", "127.0.0.1");
            builder.environment().put("MQTT_PORT", Integer.toString(brokerPort));
            return new AppProcess(name, httpPort, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start instance " + name, e);
        }
    }

    /** Waits at most {@code timeout} until {@code /q/health/ready} says UP: connected, and jobs subscribed. */
    void awaitReady(Duration timeout) {
        await("instance " + name + " ready (/q/health/ready UP on port " + httpPort + "; log " + log + ")")
                .atMost(timeout).pollInterval(Duration.ofMillis(200))
                .failFast(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("instance " + name + " exited with " + process.exitValue()
                                + "; its log " + log + ":\n" + log());
                    }
                })
                .until(this::ready);
    }

    private boolean ready() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM, as Kubernetes stops a pod (the instance unsubscribes, answers what it holds and disconnects), and
     * waits for the exit; SIGKILL after the stop timeout. Returns whether it exited on SIGTERM alone.
     */
    boolean stop() {
        process.destroy();
        return awaitExit();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private boolean awaitExit() {
        try {
            if (process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
