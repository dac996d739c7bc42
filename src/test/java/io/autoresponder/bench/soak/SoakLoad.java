package io.autoresponder.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.autoresponder.bench.LatencyRecorder;

/**
 * The soak's steady mixed load, every part at a fixed rate derived from {@code rate} (requests per second of
 * each QoS), every part bounded: request/reply at QoS 0, 1 and 2; a QoS 1 feed with a slow consumer; bad
 * payloads; retained publishes and clears; clients with wills that drop; reconnect churn.
 */
final class SoakLoad {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicReference<LatencyRecorder> interval = new AtomicReference<>(new LatencyRecorder());
    private final List<RequestLane> lanes = new ArrayList<>();
    private final SlowConsumer slow;
    private final BadPayloads bad;
    private final RetainedChurn retained;
    private final WillDrops wills;
    private final ReconnectChurn churn;
    private final int rate;
    private final AtomicLong taskFailures = new AtomicLong();
    private volatile Throwable firstTaskFailure;
    // Sends that never block share two threads; the clients that connect and wait for answers get their own,
    // so a slow CONNACK delays churn, never the request lanes' clock.
    private final ScheduledExecutorService sending = Executors.newScheduledThreadPool(2, daemon("soak-send"));
    private final ScheduledExecutorService connecting = Executors.newScheduledThreadPool(2, daemon("soak-connect"));

    SoakLoad(Clients clients, int rate) {
        this.rate = rate;
        for (int qos = 0; qos <= 2; qos++) {
            lanes.add(new RequestLane(clients, qos, run, interval));
        }
        slow = new SlowConsumer(clients, run);
        bad = new BadPayloads(clients, run);
        retained = new RetainedChurn(clients, run);
        wills = new WillDrops(clients, run);
        churn = new ReconnectChurn(clients, run, slow.feedTopic());
    }

    void start() {
        lanes.forEach(RequestLane::connect);
        slow.connect();
        bad.connect();
        retained.connect();
        wills.connect();
        for (RequestLane lane : lanes) {
            every(sending, rate, lane::send);
        }
        every(sending, rate, slow::feed);
        every(sending, rate / 10.0, slow::acknowledgeOne);
        every(sending, rate / 10.0, bad::tick);
        every(sending, rate / 5.0, retained::tick);
        every(sending, 1, () -> lanes.forEach(lane -> lane.expire(false)));
        every(connecting, rate / 25.0, wills::tick);
        every(connecting, rate / 10.0, churn::tick);
    }

    /** The round-trip times since the previous call. */
    LatencyRecorder takeInterval() {
        return interval.getAndSet(new LatencyRecorder());
    }

    /** Stops sending, waits up to the reply timeout for outstanding replies, counts the rest lost, disconnects. */
    void stop() throws InterruptedException {
        sending.shutdownNow();
        connecting.shutdownNow();
        sending.awaitTermination(10, TimeUnit.SECONDS);
        connecting.awaitTermination(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + RequestLane.REPLY_TIMEOUT_NANOS;
        while (System.nanoTime() - deadline < 0 && !lanes.stream().allMatch(RequestLane::drained)) {
            LockSupport.parkNanos(50_000_000); // polling local maps, bounded by the reply timeout
        }
        lanes.forEach(lane -> lane.expire(true));
        lanes.forEach(RequestLane::disconnect);
        slow.disconnect();
        bad.disconnect();
        retained.disconnect();
        wills.disconnect();
    }

    SoakCounters counters() {
        long sent = 0;
        long replies = 0;
        long lostQos0 = 0;
        long lostQos12 = 0;
        long late = 0;
        long errors = taskFailures.get() + slow.errors() + bad.errors() + retained.errors() + wills.errors()
                + churn.errors();
        for (RequestLane lane : lanes) {
            sent += lane.sent();
            replies += lane.replies();
            late += lane.late();
            errors += lane.publishErrors();
            if (lane.qos() == 0) {
                lostQos0 += lane.lost();
            } else {
                lostQos12 += lane.lost();
            }
        }
        boolean connected = lanes.stream().allMatch(RequestLane::connected) && slow.connected();
        return new SoakCounters(sent, replies, lostQos0, lostQos12, late, bad.sent(), bad.deadLetters(),
                wills.dropped(), wills.willsReceived(), churn.connects(), churn.resumed(), slow.fed(), slow.received(),
                slow.acknowledged(), retained.published(), errors, connected);
    }

    Throwable firstTaskFailure() {
        return firstTaskFailure;
    }

    private void every(ScheduledExecutorService executor, double perSecond, Runnable task) {
        long periodMicros = Math.max(1, Math.round(1_000_000 / perSecond));
        executor.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again: count it and keep the load going.
                taskFailures.incrementAndGet();
                if (firstTaskFailure == null) {
                    firstTaskFailure = e;
                }
            }
        }, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
