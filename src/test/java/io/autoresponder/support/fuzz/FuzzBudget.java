package io.autoresponder.support.fuzz;

import java.time.Duration;

/**
 * How long a fuzz run goes and what it reports: a short run by default (the CI regression run), a long one with
 * {@code -Dfuzz.cases=N} or {@code -Dfuzz.duration=10m}; {@code -Dfuzz.seed} repeats a run. Prints cases run and
 * cases per second every ten seconds and at the end.
 */
public final class FuzzBudget {

    private final String name;
    private final long cases;
    private final long deadline;
    private final long seed;
    private final long started = System.nanoTime();
    private long lastReport = started;
    private long done;

    private FuzzBudget(String name, long cases, Duration duration, long seed) {
        this.name = name;
        this.cases = cases;
        this.deadline = started + duration.toNanos();
        this.seed = seed;
    }

    /** {@code defaultCases} cases in at most {@code defaultDuration}, unless the system properties say otherwise. */
    public static FuzzBudget of(String name, long defaultCases, Duration defaultDuration) {
        long cases = Long.getLong("fuzz.cases", System.getProperty("fuzz.duration") != null ? Long.MAX_VALUE : defaultCases);
        Duration duration = System.getProperty("fuzz.duration") != null
                ? Duration.parse("PT" + System.getProperty("fuzz.duration").toUpperCase(java.util.Locale.ROOT))
                : System.getProperty("fuzz.cases") != null ? Duration.ofDays(1) : defaultDuration;
        long seed = Long.getLong("fuzz.seed", 20261202L);
        FuzzBudget budget = new FuzzBudget(name, cases, duration, seed);
        System.out.printf("[fuzz] %s: seed %d, up to %d cases in %s%n", name, seed, cases, duration);
        return budget;
    }

    public long seed() {
        return seed;
    }

    /** Whether another case may run; counts the one that just ran. */
    public boolean another() {
        long now = System.nanoTime();
        if (now - lastReport > 10_000_000_000L) {
            lastReport = now;
            report("running");
        }
        return done < cases && now < deadline;
    }

    public void ran() {
        done++;
    }

    public long done() {
        return done;
    }

    /** Prints the totals; call once at the end. */
    public void finish() {
        report("done");
    }

    private void report(String state) {
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[fuzz] %s %s: %d cases in %.1f s, %.0f cases/s (seed %d)%n", name, state, done, seconds,
                done / Math.max(seconds, 1e-9), seed);
    }
}
