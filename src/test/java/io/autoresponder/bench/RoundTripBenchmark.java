package io.autoresponder.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Closed-loop request/reply benchmark against any MQTT auto-responder that answers JSON on one topic with JSON
 * on another, echoing {@code id} and {@code seq}. Prints one line: {@code RESULT {json}}. See BENCHMARKS.md.
 */
public final class RoundTripBenchmark {

    /** One run's outcome; round trips per second and latencies cover the measured interval only. */
    public record Result(String target, int qos, int window, int connections, int payloadBytes, double seconds,
            long requests, long replies, long lost, long duplicates, double roundTripsPerSecond, long p50Micros,
            long p90Micros, long p99Micros, long maxMicros, long totalRequests, double offeredPerSecond) {

        public String toJson() {
            return String.format(Locale.ROOT, "{\"target\":\"%s\",\"qos\":%d,\"window\":%d,\"connections\":%d,"
                    + "\"payload_bytes\":%d,\"seconds\":%.1f,\"requests\":%d,\"replies\":%d,\"lost\":%d,"
                    + "\"duplicates\":%d,\"rtt_per_s\":%.0f,\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d,\"max_us\":%d,"
                    + "\"total_requests\":%d,\"offered_per_s\":%.0f}",
                    target, qos, window, connections, payloadBytes, seconds, requests, replies, lost, duplicates,
                    roundTripsPerSecond, p50Micros, p90Micros, p99Micros, maxMicros, totalRequests, offeredPerSecond);
        }
    }

    private final BenchmarkOptions options;

    public RoundTripBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.prewarmPort() != 0) {
            new RoundTripBenchmark(options.prewarming()).run();
        }
        Result result = new RoundTripBenchmark(options).run();
        System.out.println("RESULT " + result.toJson());
        System.exit(result.lost() == 0 && result.duplicates() == 0 ? 0 : 1);
    }

    /** Prints the replies of each second since the first request; the counts include the warm-up. */
    private static Thread startTicks(List<Lane> lanes) {
        Thread ticks = new Thread(() -> {
            long start = System.nanoTime();
            long before = 0;
            for (int second = 1; !Thread.currentThread().isInterrupted(); second++) {
                LockSupport.parkNanos(start + second * 1_000_000_000L - System.nanoTime());
                long replies = lanes.stream().mapToLong(Lane::replied).sum();
                System.out.println("TICK " + second + " " + (replies - before));
                before = replies;
            }
        }, "ticks");
        ticks.setDaemon(true);
        ticks.start();
        return ticks;
    }

    public Result run() throws InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        LatencyRecorder latencies = new LatencyRecorder();
        Phase phase = new Phase(options.warmup(), options.duration());
        List<Lane> lanes = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            Lane lane = new Lane(options, phase, latencies, "bench-" + run + "-" + i);
            lane.connect();
            lanes.add(lane);
        }
        phase.start(System.nanoTime());
        for (Lane lane : lanes) {
            lane.start();
        }
        Thread ticks = options.ticks() ? startTicks(lanes) : null;
        for (Lane lane : lanes) {
            lane.awaitSenderStopped();
        }
        if (ticks != null) {
            ticks.interrupt();
        }
        long drainDeadline = System.nanoTime() + options.drain().toNanos();
        while (System.nanoTime() - drainDeadline < 0 && !lanes.stream().allMatch(Lane::drained)) {
            LockSupport.parkNanos(10_000_000); // polling a local counter, bounded by --drain
        }
        long requests = lanes.stream().mapToLong(Lane::sentMeasured).sum();
        long replies = lanes.stream().mapToLong(Lane::repliedMeasured).sum();
        long lost = lanes.stream().mapToLong(Lane::lost).sum();
        long duplicates = lanes.stream().mapToLong(Lane::duplicates).sum();
        // Requests, replies and latencies of the measured interval; lost and duplicates of the whole run.
        for (Lane lane : lanes) {
            Throwable dropped = lane.lostConnection();
            if (dropped != null) {
                System.err.println("connection lost during the run: " + dropped);
            }
            lane.disconnect();
        }
        double seconds = options.duration().toNanos() / 1e9;
        return new Result(options.host() + ":" + options.port(), options.qos(), options.window(),
                options.connections(), options.payloadBytes(), seconds, requests, replies, lost, duplicates,
                replies / seconds, latencies.percentile(50), latencies.percentile(90), latencies.percentile(99),
                latencies.max(), lanes.stream().mapToLong(Lane::sent).sum(), options.rate());
    }
}
