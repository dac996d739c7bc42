package io.autoresponder.bench.soak;

import java.util.function.ToDoubleFunction;

/**
 * The series the soak plots and the pass rule checks. After warm-up a series passes when the median of the last
 * third of its samples is at most {@code first third's median * (1 + relative) + absolute}: a leak grows without
 * bound, so over a long enough run it leaves any fixed tolerance behind, while noise and a sawtooth do not move
 * a median. The tolerances come from steady runs on a shared 2-core machine (BENCHMARKS.md, "Soak"). A short run
 * can only catch a fast leak: in the 2-minute CI run the thirds' medians are a minute apart.
 */
enum SoakSeries {

    // Measured (30 minutes, BENCHMARKS.md): RSS crept from 198 to 203 MiB while the heap stayed flat (native
    // memory: JIT code, allocator arenas), +2.9 MiB between the thirds' medians; a 2-minute run moved it +2.6 MiB.
    // 5% + 8 MiB leaves several times that; in the 30-minute run (thirds' medians 16 minutes apart) it fails a
    // leak of more than about 1.1 MiB a minute.
    RSS("RSS", "MiB", SoakSample::rssMib, 0.05, 8),
    // Live heap after a full GC stayed within 12.5-13.2 MiB for 30 minutes, the thirds' medians equal.
    HEAP_AFTER_GC("heap after GC", "MiB", SoakSample::heapAfterGcMib, 0.10, 2),
    // Long-lived clients are constant (9); churn and will clients are in the middle of a visit at a sample or not
    // (9-11 measured).
    CONNECTIONS("connections", "", SoakSample::connections, 0, 4),
    // The long-lived clients' sessions plus the churn's, which live for their 5 s expiry (21-24 measured).
    SESSIONS("sessions", "", SoakSample::sessions, 0.10, 6),
    // The slow consumer's queue at its bound plus a few seconds of the feed per churn session: a sawtooth of
    // 207-247 KiB measured, the thirds' medians equal.
    QUEUED_BYTES("queued bytes", "KiB", s -> s.queuedBytes() / 1024, 0.10, 64),
    // Latency on a shared machine is noisy, the more so as each sample's forced full GC pauses the service
    // (ServiceProbe): the thirds' medians went from 11 to 20 ms in the 30-minute run and from 88 to 31 ms in a
    // 2-minute one while other builds loaded the machine. Only a p99 that keeps climbing (a queue somewhere
    // growing: seconds, not tens of milliseconds) fails.
    P99("round-trip p99", "ms", SoakSample::p99Millis, 2.0, 20);

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
