package io.autoresponder.bench;

import java.util.Arrays;

/** Round-trip times in microseconds, kept whole up to a bound (then every n-th), for exact percentiles. */
public final class LatencyRecorder {

    private static final int MAX_SAMPLES = 20_000_000;

    private int[] samples = new int[1 << 16];
    private int count;
    private long seen;
    private long max;

    public synchronized void record(long nanos) {
        long micros = nanos / 1_000;
        max = Math.max(max, micros);
        seen++;
        if (count == MAX_SAMPLES) {
            return; // bounded memory: the percentiles then describe the first MAX_SAMPLES round trips
        }
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, Math.min(samples.length * 2, MAX_SAMPLES));
        }
        samples[count++] = (int) Math.min(micros, Integer.MAX_VALUE);
    }

    /** The p-th percentile (0 < p <= 100) in microseconds, nearest-rank; 0 without samples. */
    public synchronized long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        int[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)];
    }

    public synchronized long max() {
        return max;
    }

    public synchronized long count() {
        return seen;
    }
}
