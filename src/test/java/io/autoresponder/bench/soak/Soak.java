package io.autoresponder.bench.soak;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.autoresponder.bench.LatencyRecorder;

/**
 * The soak: a steady mixed load ({@link SoakLoad}) against a running service for a given time, the service
 * sampled every interval ({@link ServiceProbe}) into soak.csv, then soak.png ({@link SoakPlot}) and the pass rule
 * ({@link GrowthRule}). Prints one line per sample and the verdict; exit code 1 when the rule fails, 2 on bad
 * options. {@code bench/soak.sh} starts the service and runs this; see BENCHMARKS.md, "Soak".
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    static boolean run(SoakOptions options) throws Exception {
        Files.createDirectories(options.out());
        Path csv = options.out().resolve("soak.csv");
        List<SoakSample> samples = new ArrayList<>();
        SoakLoad load = new SoakLoad(new Clients(options.host(), options.port()), options.rate());
        SoakCounters end;
        try (ServiceProbe probe = new ServiceProbe(options.pid(), options.host(), options.httpPort());
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            out.println(SoakSample.HEADER);
            load.start();
            long start = System.nanoTime();
            long previous = start;
            long period = options.sample().toNanos();
            for (long k = 1; k * period <= options.duration().toNanos(); k++) {
                long due = start + k * period;
                while (System.nanoTime() - due < 0) {
                    LockSupport.parkNanos(due - System.nanoTime()); // the sampling clock, not a wait for an event
                }
                long now = System.nanoTime();
                LatencyRecorder interval = load.takeInterval();
                SoakSample sample = sample(probe, load.counters(), interval, (now - start) / 1e9, (now - previous) / 1e9);
                previous = now;
                samples.add(sample);
                out.println(sample.toCsv());
                out.flush();
                System.out.println(progress(sample));
            }
        } finally {
            load.stop();
        }
        end = load.counters();
        System.out.println(summary(end));
        if (load.firstTaskFailure() != null) {
            System.out.println("first load task failure: " + load.firstTaskFailure());
        }
        // The last sample is taken before the drain; QoS 1/2 requests lost in it still fail the run.
        SoakSample last = samples.get(samples.size() - 1);
        samples.set(samples.size() - 1, withLost(last, end.lostQos12()));
        return report(samples, options.warmup().toSeconds(), title(options), options.out());
    }

    /** Applies the rule to {@code samples}, draws soak.png into {@code out}, prints the verdict. */
    static boolean report(List<SoakSample> samples, double warmupSeconds, String title, Path out) throws IOException {
        GrowthRule.Verdict verdict = GrowthRule.apply(samples, warmupSeconds);
        try {
            SoakPlot.write(samples, warmupSeconds, title, verdict, out.resolve("soak.png"));
        } catch (IOException | RuntimeException | Error e) {
            // The verdict stands without the picture (e.g. a machine without fonts); say so, do not hide it.
            System.out.println("soak.png not drawn: " + e);
        }
        verdict.lines().forEach(System.out::println);
        System.out.println(verdict.passed() ? "SOAK PASS: no growth after warm-up"
                : "SOAK FAIL: after warm-up these grew or broke the rule: " + String.join(", ", verdict.failed()));
        return verdict.passed();
    }

    private static SoakSample sample(ServiceProbe probe, SoakCounters counters, LatencyRecorder interval,
            double elapsed, double intervalSeconds) throws IOException, InterruptedException {
        Map<String, Double> metrics = probe.metrics();
        double rss = probe.rssMib();
        double heap = probe.heapAfterGcMib();
        return new SoakSample(elapsed, rss, heap, metric(metrics, "autoresponder_broker_connections"),
                metric(metrics, "autoresponder_broker_sessions"), metric(metrics, "autoresponder_broker_queued_bytes"),
                metric(metrics, "autoresponder_broker_retained_messages"), interval.percentile(99) / 1000.0,
                interval.count() / intervalSeconds, counters.lostQos12(), counters.lostQos0(), counters.deadLetters(),
                counters.willsReceived(), counters.churnConnects(), counters.errors());
    }

    private static double metric(Map<String, Double> metrics, String name) throws IOException {
        Double value = metrics.get(name);
        if (value == null) {
            throw new IOException("the service's /q/metrics has no " + name);
        }
        return value;
    }

    private static SoakSample withLost(SoakSample s, long lostQos12) {
        return new SoakSample(s.elapsedSeconds(), s.rssMib(), s.heapAfterGcMib(), s.connections(), s.sessions(),
                s.queuedBytes(), s.retained(), s.p99Millis(), s.repliesPerSecond(), lostQos12, s.lostQos0(),
                s.deadLetters(), s.wills(), s.churnConnects(), s.errors());
    }

    private static String progress(SoakSample s) {
        return String.format(Locale.ROOT, "t=%6.0fs rss=%6.1fMiB heap=%5.1fMiB connections=%3.0f sessions=%3.0f "
                + "queued=%6.1fKiB retained=%3.0f p99=%6.2fms replies/s=%5.0f lost_qos12=%d errors=%d", s.elapsedSeconds(),
                s.rssMib(), s.heapAfterGcMib(), s.connections(), s.sessions(), s.queuedBytes() / 1024, s.retained(),
                s.p99Millis(), s.repliesPerSecond(), s.lostQos12(), s.errors());
    }

    private static String summary(SoakCounters c) {
        return String.format(Locale.ROOT, "LOAD requests=%d replies=%d lost_qos0=%d lost_qos12=%d late=%d bad_payloads=%d "
                + "dead_letters=%d will_clients=%d wills_received=%d churn_connects=%d churn_resumed=%d fed=%d "
                + "slow_received=%d slow_acknowledged=%d retained_publishes=%d errors=%d", c.requests(), c.replies(),
                c.lostQos0(), c.lostQos12(), c.late(), c.badPayloads(), c.deadLetters(), c.willClients(), c.willsReceived(),
                c.churnConnects(), c.churnResumed(), c.fed(), c.slowReceived(), c.slowAcknowledged(), c.retainedPublished(),
                c.errors());
    }

    private static String title(SoakOptions o) {
        return String.format(Locale.ROOT, "Soak: %d s, %d requests/s at each of QoS 0/1/2 + feed, slow consumer, bad "
                + "payloads, retained, wills, churn; sample every %d s", o.duration().toSeconds(), o.rate(),
                o.sample().toSeconds());
    }
}
