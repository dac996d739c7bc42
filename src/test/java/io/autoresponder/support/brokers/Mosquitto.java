package io.autoresponder.support.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.autoresponder.support.tls.TlsCertificates;

/**
 * A real Mosquitto broker (Debian package {@code mosquitto}) in its own process, listening on a free port of
 * 127.0.0.1 with a generated configuration. It can be stopped (SIGTERM), killed (SIGKILL) and started again on
 * the same port and with the same persistence file, as a broker restart in production would.
 */
public final class Mosquitto implements ExternalBroker {

    /** Where Debian installs the broker. */
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    /** What to tell people who miss it. */
    public static final String INSTALL_HINT = "apt-get install -y mosquitto";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final int port;
    private final Path directory;
    private final Path config;
    private final Path log;
    private final Path output;
    private final BrokerProcess process;

    // listenerOptions: lines of the one listener's settings, e.g. TLS, then global ones such as access.
    private Mosquitto(int port, Path directory, String listenerOptions) throws IOException {
        this(port, directory, listenerOptions, false);
    }

    private Mosquitto(int port, Path directory, String listenerOptions, boolean minimal) throws IOException {
        this.port = port;
        this.directory = directory;
        this.config = directory.resolve("mosquitto.conf");
        this.log = directory.resolve("mosquitto.log");
        this.output = directory.resolve("mosquitto.out");
        this.process = new BrokerProcess("Mosquitto", port, STOP_TIMEOUT);
        String text = minimal ? minimalConfiguration(port, directory) : configuration(port, directory, listenerOptions);
        Files.writeString(config, text, StandardCharsets.UTF_8);
    }

    /** Whether the broker binary is installed. */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a broker on a free port, open to anonymous clients, and returns once it accepts connections. */
    public static Mosquitto start() {
        return start(null, null);
    }

    /**
     * Starts a broker on a free port that speaks only TLS (MQTT over TLS, as on port 8883), with the server
     * certificate of {@code certificates} and their CA as {@code cafile}; with {@code requireClientCertificate}
     * it admits only clients presenting a certificate from that CA ({@code require_certificate true}).
     */
    public static Mosquitto startTls(TlsCertificates certificates, boolean requireClientCertificate) {
        return start(null, null, String.join("\n",
                "cafile " + certificates.caCertificate(),
                "certfile " + certificates.serverCertificate(),
                "keyfile " + certificates.serverKey(),
                "require_certificate " + requireClientCertificate));
    }

    /**
     * Starts a broker on a free port that admits only {@code username} with {@code password} (a password file
     * made with {@code mosquitto_passwd}, from the same package), or anonymous clients when both are null.
     */
    public static Mosquitto start(String username, String password) {
        return start(username, password, "");
    }

    private static Mosquitto start(String username, String password, String listenerOptions) {
        requireInstalled();
        try {
            Path directory = Files.createTempDirectory("mosquitto-");
            // Started as root, Mosquitto drops to its own user, which must still write its persistence file here.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
            String access = "allow_anonymous true";
            if (username != null) {
                Path passwords = createPasswordFile(directory, username, password);
                access = "allow_anonymous false\npassword_file " + passwords;
            }
            Mosquitto broker = new Mosquitto(FreeBrokerPort.freePort(), directory, listenerOptions + "\n" + access);
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker on a free port with nothing but its defaults (no persistence, Mosquitto's own queue and
     * in-flight limits), anonymous clients allowed: the reference a conformance comparison runs against.
     */
    public static Mosquitto startWithDefaults() {
        requireInstalled();
        try {
            Path directory = Files.createTempDirectory("mosquitto-");
            // Started as root, Mosquitto drops to its own user, which must still write its log here.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
            Mosquitto broker = new Mosquitto(FreeBrokerPort.freePort(), directory, "", true);
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Logging and TCP_NODELAY only: neither changes what the broker does with packets, flow control or queues.
    private static String minimalConfiguration(int port, Path directory) {
        return String.join("\n", "listener " + port + " 127.0.0.1", "allow_anonymous true", "set_tcp_nodelay true",
                "log_dest file " + directory.resolve("mosquitto.log"), "connection_messages true", "");
    }

    private static Path createPasswordFile(Path directory, String username, String password) throws IOException {
        Path passwords = directory.resolve("passwd");
        Process hashing = new ProcessBuilder(PASSWD.toString(), "-b", "-c", passwords.toString(), username, password)
                .redirectErrorStream(true).start();
        try {
            if (!hashing.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || hashing.exitValue() != 0) {
                throw new IllegalStateException("mosquitto_passwd failed: "
                        + new String(hashing.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // Readable by the user Mosquitto drops to.
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
        return passwords;
    }

    /** Fails with the install command when the binary is missing. */
    public static void requireInstalled() {
        if (!installed()) {
            throw new IllegalStateException("Mosquitto is not installed at " + BINARY + ": " + INSTALL_HINT
                    + " (Debian package mosquitto)");
        }
    }

    // persistence + autosave: a broker killed with SIGKILL restarts with the sessions saved up to a second before.
    // The queue and in-flight limits are raised above Mosquitto's defaults (1000 queued, 20 in flight) so that a
    // burst is never dropped by the broker under test; a production broker needs the same (docs/external-brokers.md).
    private static String configuration(int port, Path directory, String listenerOptions) {
        return String.join("\n",
                "listener " + port + " 127.0.0.1",
                listenerOptions,
                "persistence true",
                "persistence_location " + directory + "/",
                "autosave_interval 1",
                "max_queued_messages 1000000",
                "max_inflight_messages 1000",
                // A log file is flushed line by line; stdout into a file would be block-buffered.
                "log_dest file " + directory.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                "log_timestamp_format %Y-%m-%dT%H:%M:%S",
                "");
    }

    /** The TCP port, the same across restarts. */
    @Override
    public int port() {
        return port;
    }

    /** The configuration file, e.g. for a reader who wants to know what ran. */
    public Path configFile() {
        return config;
    }

    /** The broker's log so far (all runs). */
    public String log() {
        return BrokerProcess.read(log);
    }

    /** The persistence file, written at most a second after a change and on a clean stop. */
    public Path persistenceFile() {
        return directory.resolve("mosquitto.db");
    }

    /** Whether the broker process runs. */
    public boolean isRunning() {
        return process.isRunning();
    }

    /** Starts the broker again on the same port, with the sessions it saved. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("Mosquitto still runs on port " + port);
        }
        startProcess();
    }

    /** SIGTERM: Mosquitto saves its sessions and exits. */
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

    private void startProcess() {
        process.start(new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())),
                START_TIMEOUT, this::acceptsConnections, () -> BrokerProcess.read(output) + log());
    }

    /** Whether something accepts TCP connections on the broker's port right now. */
    public boolean acceptsConnections() {
        return process.acceptsConnections();
    }
}
