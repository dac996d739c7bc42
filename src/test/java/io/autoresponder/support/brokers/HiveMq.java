package io.autoresponder.support.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HiveMQ Community Edition broker (embedded build, from Maven Central) in its own JVM, listening on a free
 * port of 127.0.0.1 with HiveMQ's defaults: the second broker the connector is tried against, besides
 * {@link Mosquitto}. The process runs {@code src/test/brokers/hivemq-ce/HiveMqCe.java} in Java's source-launcher
 * mode on the classpath that {@code src/test/brokers/hivemq-ce/pom.xml} resolves (once per test JVM, cached in
 * {@code target/hivemq-ce/classpath.txt}), so none of HiveMQ's dependencies enter the test classpath. It can be
 * stopped (SIGTERM), killed (SIGKILL) and started again on the same port with the same data folder (HiveMQ's file
 * persistence), as a broker restart in production would.
 */
public final class HiveMq implements ExternalBroker {

    private static final Path BROKER = Path.of("src/test/brokers/hivemq-ce").toAbsolutePath();
    private static final Path POM = BROKER.resolve("pom.xml");
    private static final Path LAUNCHER = BROKER.resolve("HiveMqCe.java");
    private static final Path CLASSPATH = Path.of("target/hivemq-ce/classpath.txt").toAbsolutePath();
    private static final String READY = "HIVEMQ READY ";

    private static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static String classpath;

    private final int port;
    private final Path directory;
    private final Path output;
    private final BrokerProcess process;

    private HiveMq(int port, Path directory) {
        this.port = port;
        this.directory = directory;
        this.output = directory.resolve("hivemq.out");
        this.process = new BrokerProcess("HiveMQ CE", port, STOP_TIMEOUT);
    }

    /** Starts a broker on a free port, open to anonymous clients, and returns once it accepts connections. */
    public static HiveMq start() {
        String brokerClasspath = classpath();
        try {
            HiveMq broker = new HiveMq(FreeBrokerPort.freePort(), Files.createTempDirectory("hivemq-"));
            broker.startProcess(brokerClasspath);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The broker's runtime classpath, resolved by Maven (offline first, then from the remote repository) unless
     * the cached file is newer than the pom.
     */
    private static synchronized String classpath() {
        if (classpath == null) {
            try {
                if (!Files.exists(CLASSPATH)
                        || Files.getLastModifiedTime(CLASSPATH).compareTo(Files.getLastModifiedTime(POM)) <= 0) {
                    Files.createDirectories(CLASSPATH.getParent());
                    Path log = CLASSPATH.resolveSibling("resolve.log");
                    if (!resolve(true, log) && !resolve(false, log)) {
                        throw new IllegalStateException("cannot resolve the HiveMQ CE classpath from " + POM + ": "
                                + BrokerProcess.read(log));
                    }
                }
                classpath = Files.readString(CLASSPATH, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classpath;
    }

    private static boolean resolve(boolean offline, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of("mvnw").toAbsolutePath().toString(), "-q"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(List.of("-f", POM.toString(), "dependency:build-classpath",
                "-Dmdep.outputFile=" + CLASSPATH));
        ProcessBuilder maven = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        maven.environment().put("MAVEN_ARGS", "--batch-mode");
        Process resolving = maven.start();
        try {
            if (!resolving.waitFor(RESOLVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                resolving.destroyForcibly().waitFor();
                return false;
            }
        } catch (InterruptedException e) {
            resolving.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving the HiveMQ CE classpath", e);
        }
        return resolving.exitValue() == 0 && Files.exists(CLASSPATH);
    }

    /** The TCP port, the same across restarts. */
    public int port() {
        return port;
    }

    /** What the broker printed so far (all runs): HiveMQ's log, then {@code HIVEMQ READY <port>} per start. */
    public String output() {
        return BrokerProcess.read(output);
    }

    /** Whether the broker process runs. */
    public boolean isRunning() {
        return process.isRunning();
    }

    /** Starts the broker again on the same port, with the sessions it persisted. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("HiveMQ still runs on port " + port);
        }
        startProcess(classpath());
    }

    /** SIGTERM: HiveMQ shuts down cleanly (its shutdown hook stops the embedded broker) and exits. */
    public void stop() {
        process.stop();
    }

    /** SIGKILL: no chance to save anything. */
    public void kill() {
        process.kill();
    }

    /** Stops the broker and deletes its files. */
    @Override
    public void close() {
        process.close(directory);
    }

    private synchronized void startProcess(String brokerClasspath) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        long before = output.toFile().length();
        Path temp;
        try {
            // The native libraries RocksDB and JNA (through OSHI) unpack go to the broker's directory, deleted with
            // it, rather than to /tmp and ~/.cache/JNA.
            temp = Files.createDirectories(directory.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.start(new ProcessBuilder(java, "-Djava.io.tmpdir=" + temp, "-Djna.tmpdir=" + temp,
                        "-cp", brokerClasspath, LAUNCHER.toString(), Integer.toString(port), directory.toString())
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())),
                START_TIMEOUT, () -> outputSince(before).contains(READY + port) && acceptsConnections(), this::output);
    }

    private String outputSince(long offset) throws IOException {
        byte[] bytes = Files.exists(output) ? Files.readAllBytes(output) : new byte[0];
        int from = (int) Math.min(offset, bytes.length);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    /** Whether something accepts TCP connections on the broker's port right now. */
    public boolean acceptsConnections() {
        return process.acceptsConnections();
    }
}
