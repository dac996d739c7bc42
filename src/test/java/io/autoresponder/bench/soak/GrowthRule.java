package io.autoresponder.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak's pass rule: after warm-up no series grows ({@link SoakSeries} holds each tolerance), and no QoS 1
 * or QoS 2 request went without its reply. The samples after warm-up are cut in thirds; the median of the last
 * third is compared with the median of the first, so one slow sample or a sawtooth does not decide the verdict.
 */
final class GrowthRule {

    /** Fewer samples after warm-up than this cannot show a trend; the rule then fails rather than guess. */
    static final int MIN_SAMPLES = 6;

    private GrowthRule() {
    }

    /**
     * The verdict on {@code samples}, the first {@code warmupSeconds} left out.
     *
     * @param passed  no series grew and nothing was lost
     * @param failed  what broke the rule, e.g. {@code heap after GC}, {@code lost QoS 1/2 replies}
     * @param lines   one line per series: first and last third's medians, the limit, the outcome
     */
    record Verdict(boolean passed, List<String> failed, List<String> lines) {
    }

    static Verdict apply(List<SoakSample> samples, double warmupSeconds) {
        List<SoakSample> steady = samples.stream().filter(s -> s.elapsedSeconds() >= warmupSeconds).toList();
        List<String> failed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        if (steady.size() < MIN_SAMPLES) {
            failed.add("too few samples");
            lines.add(String.format(Locale.ROOT, "FAIL %d samples after warm-up, at least %d needed", steady.size(),
                    MIN_SAMPLES));
            return new Verdict(false, failed, lines);
        }
        int third = steady.size() / 3;
        for (SoakSeries series : SoakSeries.values()) {
            double first = median(steady.subList(0, third), series);
            double last = median(steady.subList(steady.size() - third, steady.size()), series);
            double allowed = series.allowed(first);
            boolean grew = last > allowed;
            if (grew) {
                failed.add(series.label());
            }
            lines.add(String.format(Locale.ROOT, "%s %-15s first third %10.1f  last third %10.1f  allowed %10.1f %s (%s)",
                    grew ? "FAIL" : "ok  ", series.label(), first, last, allowed, series.unit(), series.tolerance()));
        }
        long lost = steady.get(steady.size() - 1).lostQos12();
        if (lost > 0) {
            failed.add("lost QoS 1/2 replies");
        }
        lines.add(String.format(Locale.ROOT, "%s lost QoS 1/2 replies: %d (allowed 0)", lost > 0 ? "FAIL" : "ok  ", lost));
        return new Verdict(failed.isEmpty(), failed, lines);
    }

    static double median(List<SoakSample> samples, SoakSeries series) {
        double[] values = samples.stream().mapToDouble(series::of).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
