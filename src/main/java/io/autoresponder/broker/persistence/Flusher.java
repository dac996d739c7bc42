package io.autoresponder.broker.persistence;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.autoresponder.broker.BrokerConfig.Persistence.Fsync;
import io.autoresponder.broker.routing.Subscriber;

/**
 * Forces the journal to the device, on a thread of its own so event loops never wait for the device. In
 * {@code interval} mode every interval when something was written; in {@code always} mode whenever a
 * publisher waits: every acknowledgement waiting when a force starts is released by that force (group commit).
 */
final class Flusher {

    /** What the flusher forces; the store's current journal file. */
    interface Target {
        /** Appends so far; a force covers every append counted before it started. */
        long written();

        void force() throws IOException;

        void failed(IOException e);
    }

    private record Waiter(long written, CompletableFuture<Void> done) {
    }

    private final Fsync mode;
    private final Duration interval;
    private final Target target;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private volatile long forced;
    private volatile boolean running = true;
    private final Thread thread;

    Flusher(Fsync mode, Duration interval, Target target) {
        this.mode = mode;
        this.interval = interval;
        this.target = target;
        this.thread = new Thread(this::run, "autoresponder-broker-store-fsync");
        this.thread.setDaemon(true);
        if (mode != Fsync.NEVER) {
            thread.start();
        }
    }

    /** Completes once the device has every append made so far (at once unless the mode is {@code always}). */
    CompletionStage<Void> durable() {
        long written = target.written();
        if (mode != Fsync.ALWAYS || forced >= written) {
            return Subscriber.TAKEN;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (waiting) {
            waiting.add(new Waiter(written, done));
            waiting.notifyAll();
        }
        return done;
    }

    void stop() {
        running = false;
        synchronized (waiting) {
            waiting.notifyAll();
        }
        if (thread.isAlive()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        forceNow();
        releaseAll(null);
    }

    private void run() {
        while (running) {
            synchronized (waiting) {
                try {
                    if (mode == Fsync.ALWAYS) {
                        while (running && waiting.isEmpty()) {
                            waiting.wait();
                        }
                    } else {
                        waiting.wait(Math.max(1, interval.toMillis()));
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            IOException failure = target.written() > forced ? forceNow() : null;
            releaseAll(failure);
        }
    }

    private IOException forceNow() {
        long written = target.written();
        try {
            target.force();
            forced = written;
            return null;
        } catch (IOException e) {
            target.failed(e);
            return e;
        }
    }

    private void releaseAll(IOException failure) {
        synchronized (waiting) {
            while (!waiting.isEmpty() && (failure != null || waiting.peek().written() <= forced || !running)) {
                Waiter waiter = waiting.poll();
                if (failure == null) {
                    waiter.done().complete(null);
                } else {
                    waiter.done().completeExceptionally(failure);
                }
            }
        }
    }
}
