package io.autoresponder.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One connection of the closed loop: keeps {@code window} requests in flight, each carrying this lane's id
 * and an integer {@code seq}, and matches replies by them. With a rate ({@code --rate}) it sends on a fixed
 * schedule instead, still within the window, and counts each latency from the request's scheduled time.
 */
final class Lane {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BenchmarkOptions options;
    private final Phase phase;
    private final LatencyRecorder latencies;
    private final String id;
    private final String padding;
    private final Semaphore window;
    private final Map<Long, Long> outstanding = new ConcurrentHashMap<>();
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong sentMeasured = new AtomicLong();
    private final AtomicLong repliedMeasured = new AtomicLong();
    private final AtomicLong replied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private BenchClient client;
    private Thread sender;

    Lane(BenchmarkOptions options, Phase phase, LatencyRecorder latencies, String id) {
        this.options = options;
        this.phase = phase;
        this.latencies = latencies;
        this.id = id;
        this.window = new Semaphore(options.window());
        int overhead = ("{\"talk\":\"\",\"name\":\"bench\",\"id\":\"" + id + "\",\"seq\":0000000}").length();
        this.padding = "x".repeat(Math.max(0, options.payloadBytes() - overhead));
    }

    void connect() {
        client = BenchClient.connect(options, id);
        client.subscribe(options.replyTopic(), options.qos(), this::onReply);
    }

    void start() {
        sender = new Thread(this::sendUntilStop, id + "-sender");
        sender.start();
    }

    void awaitSenderStopped() throws InterruptedException {
        sender.join();
    }

    private void sendUntilStop() {
        SendSchedule schedule = options.rate() > 0
                ? new SendSchedule(System.nanoTime(), options.rate() / options.connections())
                : null;
        try {
            while (!phase.stopped()) {
                long due = schedule == null ? 0 : schedule.dueAt(nextSeq.get());
                if (schedule != null && !reached(due)) {
                    continue;
                }
                if (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long seq = nextSeq.getAndIncrement();
                byte[] payload = ("{\"talk\":\"" + padding + "\",\"name\":\"bench\",\"id\":\"" + id + "\",\"seq\":" + seq
                        + "}").getBytes(StandardCharsets.UTF_8);
                long now = System.nanoTime();
                outstanding.put(seq, schedule == null ? now : due);
                if (phase.measuring(now)) {
                    sentMeasured.incrementAndGet();
                }
                client.publish(options.requestTopic(), options.qos(), payload);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parks until {@code due} or for at most 50 ms (so a stop is noticed); whether {@code due} has come. */
    private static boolean reached(long due) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
        }
        return due - System.nanoTime() <= 0;
    }

    private void onReply(byte[] payload) {
        long now = System.nanoTime();
        JsonNode reply;
        try {
            reply = MAPPER.readTree(payload);
        } catch (IOException e) {
            foreign.incrementAndGet();
            return;
        }
        if (!id.equals(reply.path("id").asText()) || !reply.path("seq").canConvertToLong()) {
            foreign.incrementAndGet(); // another lane's reply: the seed protocol has one reply topic for all
            return;
        }
        Long sentAt = outstanding.remove(reply.path("seq").asLong());
        if (sentAt == null) {
            duplicates.incrementAndGet();
            return;
        }
        replied.incrementAndGet();
        if (phase.measuring(now)) {
            repliedMeasured.incrementAndGet();
            latencies.record(now - sentAt);
        }
        window.release();
    }

    boolean drained() {
        return outstanding.isEmpty();
    }

    long sent() {
        return nextSeq.get();
    }

    long lost() {
        return outstanding.size();
    }

    long duplicates() {
        return duplicates.get();
    }

    long sentMeasured() {
        return sentMeasured.get();
    }

    long replied() {
        return replied.get();
    }

    long repliedMeasured() {
        return repliedMeasured.get();
    }

    Throwable lostConnection() {
        return client.lostConnection();
    }

    void disconnect() {
        client.disconnect();
    }
}
