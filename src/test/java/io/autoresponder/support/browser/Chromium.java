package io.autoresponder.support.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium driven by {@code playwright-core} from npm, through a Node script of {@code src/test/browser}
 * that talks line by line over its standard input and output. {@link #prepare()} installs the npm package into
 * {@code target/browser-test} once.
 */
public final class Chromium implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    static final String INSTALL_HINT = "apt-get install -y chromium nodejs npm";
    private static final Path SOURCES = Path.of("src/test/browser");
    private static final Path WORK = Path.of("target/browser-test");

    private final Process process;
    private final Writer input;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private Chromium(Process process) {
        this.process = process;
        this.input = process.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // the script is gone; expect() reports what it said
            }
        }, "browser-script-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether Chromium, Node and npm are installed. */
    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE) && onPath("node") && onPath("npm");
    }

    /** Copies the scripts to {@code target/browser-test} and installs {@code playwright-core} there if needed. */
    public static Path prepare() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        try (var files = Files.list(SOURCES)) {
            for (Path file : files.toList()) {
                Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
            // No lock file: the one dependency is pinned to an exact version and has no dependencies of its own.
            Process npm = new ProcessBuilder("npm", "install", "--no-package-lock", "--no-audit", "--no-fund")
                    .directory(WORK.toFile()).redirectErrorStream(true).start();
            String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm install in " + WORK + " failed:\n" + log);
            }
        }
        return WORK;
    }

    /** Runs {@code script} (a file of {@code src/test/browser}) with {@code environment}. */
    public static Chromium run(String script, Map<String, String> environment) throws IOException, InterruptedException {
        Path work = prepare();
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(work.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        builder.environment().put("CHROMIUM", EXECUTABLE.toString());
        return new Chromium(builder.start());
    }

    /** Waits for the script's next line, which must start with {@code prefix}; returns the rest of it. */
    public String expect(String prefix, Duration timeout) throws InterruptedException {
        String line = output.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("the browser script said nothing within " + timeout + " (expected " + prefix
                    + "); it said before: " + transcript + (process.isAlive() ? "" : "; it exited with "
                    + process.exitValue()));
        }
        transcript.add(line);
        if (!line.startsWith(prefix)) {
            throw new AssertionError("the browser script said '" + line + "', expected " + prefix);
        }
        return line.substring(prefix.length()).trim();
    }

    /** Writes one line to the script. */
    public void send(String line) {
        try {
            input.write(line + "\n");
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
