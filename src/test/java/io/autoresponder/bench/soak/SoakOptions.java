package io.autoresponder.bench.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of {@link Soak}, {@code --name value} pairs; times are seconds.
 *
 * @param host     broker host
 * @param port     broker port (MQTT)
 * @param httpPort the service's HTTP port, for {@code /q/metrics}
 * @param pid      the service's process id, for its RSS and a full GC before each heap reading
 * @param duration how long the load runs
 * @param sample   time between samples
 * @param warmup   the first part of the run, shaded in the plot and left out of the pass rule
 * @param rate     requests per second of each QoS (0, 1 and 2); the other loads are fixed fractions of it
 * @param out      directory for soak.csv and soak.png
 */
public record SoakOptions(String host, int port, int httpPort, long pid, Duration duration, Duration sample,
        Duration warmup, int rate, Path out) {

    static final String USAGE = """
            usage: Soak --port 1883 --http-port 8080 --pid 1234 [--host 127.0.0.1] [--duration 1800] [--sample 5]
                        [--warmup 360] [--rate 50] [--out target/soak]
            Runs a steady mixed load against the service, samples it every --sample seconds, writes soak.csv and
            soak.png to --out and applies the pass rule (no growth after --warmup). Exit code 1 when it fails.""";

    public SoakOptions {
        require(port > 0 && port < 65_536, "--port must be 1..65535");
        require(httpPort > 0 && httpPort < 65_536, "--http-port must be 1..65535");
        require(pid > 0, "--pid is required");
        require(sample.toMillis() >= 1_000, "--sample must be at least 1 second");
        require(duration.compareTo(sample.multipliedBy(6)) >= 0, "--duration must hold at least 6 samples");
        require(!warmup.isNegative() && warmup.compareTo(duration) < 0, "--warmup must be shorter than --duration");
        require(rate >= 1 && rate <= 1_000, "--rate must be 1..1000");
    }

    /** Parses {@code args}; throws IllegalArgumentException with the usage on bad input. */
    public static SoakOptions parse(String... args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs\n" + USAGE);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected " + args[i] + "\n" + USAGE);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        Set<String> unknown = new java.util.HashSet<>(values.keySet());
        unknown.removeAll(Set.of("host", "port", "http-port", "pid", "duration", "sample", "warmup", "rate", "out"));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + unknown + "\n" + USAGE);
        }
        try {
            Duration duration = Duration.ofSeconds(Long.parseLong(values.getOrDefault("duration", "1800")));
            // Default warm-up: a fifth of the run, at least 30 s (the JIT compilers and the slow consumer's queue
            // settle in about that time).
            long defaultWarmup = Math.max(30, duration.toSeconds() / 5);
            return new SoakOptions(values.getOrDefault("host", "127.0.0.1"), Integer.parseInt(values.getOrDefault("port", "0")),
                    Integer.parseInt(values.getOrDefault("http-port", "0")), Long.parseLong(values.getOrDefault("pid", "0")),
                    duration, Duration.ofSeconds(Long.parseLong(values.getOrDefault("sample", "5"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("warmup", Long.toString(defaultWarmup)))),
                    Integer.parseInt(values.getOrDefault("rate", "50")), Path.of(values.getOrDefault("out", "target/soak")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + "\n" + USAGE, e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message + "\n" + USAGE);
        }
    }
}
