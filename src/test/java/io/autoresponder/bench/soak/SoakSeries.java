package io.autoresponder.bench.soak;

import java.util.function.ToDoubleFunction;

/**
 * The series the soak plots and the pass rule checks. After warm-up a series passes when the median of the last
 * third of its samples is at most {@code first third's median * (1 + relative) + absolute}: a leak grows without
 * bound, so over a long enough run it leaves any fixed tolerance behind, while noise and a sawtooth do not move
 * a median. The tolerances come from steady runs on a shared 2-core machine (BENCHMARKS.md, "Soak").
 */
enum SoakSeries {

    // RSS drifts up for a while after warm-up as the JIT compiles and G1 commits and returns regions; 30-minute
    // runs moved it by up to ~5%; 10% + 16 MiB leaves room for that and still catches a leak of a few MiB/min.
    RSS("RSS", "MiB", SoakSample::rssMib, 0.10, 16),
    // Live heap after a full GC is steady to ~1 MiB between samples; the slow consumer's queue and the churn
    // sessions' queues come and go, hence a little slack.
    HEAP_AFTER_GC("heap after GC", "MiB", SoakSample::heapAfterGcMib, 0.10, 4),
    // Long-lived clients are constant; churn and will clients are in the middle of a visit at a sample or not.
    CONNECTIONS("connections", "", SoakSample::connections, 0, 4),
    // Churn sessions live for their 5 s expiry: about rate/20 * 5 of them at any time, give or take a tick.
    SESSIONS("sessions", "", SoakSample::sessions, 0.10, 6),
    // The slow consumer's queue is at its bound; churn sessions hold a few seconds of the feed each.
    QUEUED_BYTES("queued bytes", "KiB", s -> s.queuedBytes() / 1024, 0.10, 64),
    // Latency on a shared machine is noisy; only a p99 that keeps climbing (a queue somewhere growing) fails.
    P99("round-trip p99", "ms", SoakSample::p99Millis, 1.0, 10);

    private final String label;
    private final String unit;
    private final ToDoubleFunction<SoakSample> value;
    private final double relative;
    private final double absolute;

    SoakSeries(String label, String unit, ToDoubleFunction<SoakSample> value, double relative, double absolute) {
        this.label = label;
        this.unit = unit;
        this.value = value;
        this.relative = relative;
        this.absolute = absolute;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    double of(SoakSample sample) {
        return value.applyAsDouble(sample);
    }

    /** The largest last-third median that still counts as no growth from {@code firstMedian}. */
    double allowed(double firstMedian) {
        return firstMedian * (1 + relative) + absolute;
    }

    String tolerance() {
        return String.format(java.util.Locale.ROOT, "+%.0f%% +%s %s", relative * 100, trim(absolute), unit).trim();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
