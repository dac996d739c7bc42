package io.autoresponder.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's pass rule on synthetic runs: steady ones pass, a run where one series keeps growing fails and names it. */
class GrowthRuleTest {

    private static final double WARMUP = 360;

    @Test
    void steadyRun_passes() {
        GrowthRule.Verdict verdict = GrowthRule.apply(run(), WARMUP);

        assertThat(verdict.passed()).as(String.join("\n", verdict.lines())).isTrue();
        assertThat(verdict.failed()).isEmpty();
    }

    @Test
    void heapLeakOfHalfAMibPerMinute_failsNamingTheHeap() {
        List<SoakSample> samples = run().stream()
                .map(s -> with(s, s.rssMib(), s.heapAfterGcMib() + s.elapsedSeconds() / 120, s.sessions(), s.lostQos12()))
                .toList();

        GrowthRule.Verdict verdict = GrowthRule.apply(samples, WARMUP);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.failed()).containsExactly("heap after GC");
    }

    @Test
    void sessionsThatNeverExpire_failNamingTheSessions() {
        List<SoakSample> samples = run().stream()
                .map(s -> with(s, s.rssMib(), s.heapAfterGcMib(), s.sessions() + s.elapsedSeconds() / 60, s.lostQos12()))
                .toList();

        assertThat(GrowthRule.apply(samples, WARMUP).failed()).containsExactly("sessions");
    }

    @Test
    void growthDuringWarmupOnly_passes() {
        // RSS climbs from 120 to 200 MiB during the warm-up, then stays: start-up, not a leak.
        List<SoakSample> samples = run().stream()
                .map(s -> with(s, 120 + 80 * Math.min(1, s.elapsedSeconds() / WARMUP), s.heapAfterGcMib(), s.sessions(),
                        s.lostQos12()))
                .toList();

        assertThat(GrowthRule.apply(samples, WARMUP).passed()).isTrue();
    }

    @Test
    void sawtoothAndSingleSpikes_pass() {
        // Queued bytes go up and down with the churn sessions' queues; one sample's p99 is ten times the rest.
        List<SoakSample> samples = new ArrayList<>();
        for (SoakSample s : run()) {
            int k = (int) (s.elapsedSeconds() / 5);
            samples.add(new SoakSample(s.elapsedSeconds(), s.rssMib(), s.heapAfterGcMib(), s.connections(), s.sessions(),
                    (k % 2 == 0 ? 200 : 260) * 1024.0, s.retained(), k == 300 ? 50 : 5, s.repliesPerSecond(), 0, 0, 0, 0,
                    0, 0));
        }

        assertThat(GrowthRule.apply(samples, WARMUP).passed()).isTrue();
    }

    @Test
    void oneLostQos1Reply_fails() {
        List<SoakSample> samples = new ArrayList<>(run());
        SoakSample last = samples.remove(samples.size() - 1);
        samples.add(with(last, last.rssMib(), last.heapAfterGcMib(), last.sessions(), 1));

        assertThat(GrowthRule.apply(samples, WARMUP).failed()).containsExactly("lost QoS 1/2 replies");
    }

    @Test
    void tooFewSamplesAfterWarmup_fail() {
        List<SoakSample> samples = run().subList(0, 75); // 375 s: three samples after the warm-up

        assertThat(GrowthRule.apply(samples, WARMUP).failed()).containsExactly("too few samples");
    }

    @Test
    void plotOfAFailedRun_isAPng(@TempDir Path dir) throws Exception {
        List<SoakSample> samples = run().stream()
                .map(s -> with(s, s.rssMib(), s.heapAfterGcMib() + s.elapsedSeconds() / 60, s.sessions(), 0)).toList();

        SoakPlot.write(samples, WARMUP, "synthetic heap leak", GrowthRule.apply(samples, WARMUP), dir.resolve("soak.png"));

        assertThat(ImageIO.read(dir.resolve("soak.png").toFile()).getWidth()).isPositive();
        assertThat(Files.size(dir.resolve("soak.png"))).isGreaterThan(10_000);
    }

    /** 30 minutes sampled every 5 s at the levels of a real run, with a little noise. */
    private static List<SoakSample> run() {
        List<SoakSample> samples = new ArrayList<>();
        for (int k = 1; k <= 360; k++) {
            double t = k * 5.0;
            double wobble = (k * 7919 % 13 - 6) / 6.0; // deterministic noise in [-1, 1]
            samples.add(new SoakSample(t, 200 + 2 * wobble, 13 + 0.3 * wobble, 9 + (k % 3 == 0 ? 1 : 0),
                    22 + wobble, 230 * 1024 + 10 * 1024 * wobble, 46, 6 + 2 * wobble, 150, 0, 0, 0, 0, 0, 0));
        }
        return samples;
    }

    private static SoakSample with(SoakSample s, double rss, double heap, double sessions, long lostQos12) {
        return new SoakSample(s.elapsedSeconds(), rss, heap, s.connections(), sessions, s.queuedBytes(), s.retained(),
                s.p99Millis(), s.repliesPerSecond(), lostQos12, s.lostQos0(), s.deadLetters(), s.wills(), s.churnConnects(),
                s.errors());
    }
}
