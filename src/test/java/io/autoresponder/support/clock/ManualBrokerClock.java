package io.autoresponder.support.clock;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import io.autoresponder.broker.BrokerClock;

/**
 * The broker's clock under a test's control: time stands still until {@link #advance} moves it, which runs the
 * timers that fell due (will delays, session expiry, keep-alive), in due order, each on the Vert.x context that set
 * it, and returns once they ran. Enabled by {@link ManualClockProfile} or a profile that lists it.
 */
@Alternative
@ApplicationScoped
public class ManualBrokerClock implements BrokerClock {

    private final AtomicLong now = new AtomicLong(System.nanoTime());
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Timer> timers = new ConcurrentHashMap<>();

    private record Timer(long id, long dueNanos, Runnable action, Context context) {
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public long setTimer(long delayMillis, Runnable action) {
        long id = ids.incrementAndGet();
        timers.put(id, new Timer(id, now.get() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, delayMillis)), action,
                Vertx.currentContext()));
        return id;
    }

    @Override
    public void cancelTimer(long id) {
        timers.remove(id);
    }

    /** Moves time forward by {@code step} and runs every timer due by then; timers they set run too if due. */
    public synchronized void advance(Duration step) {
        long target = now.get() + step.toNanos();
        Optional<Timer> next;
        while ((next = nextDueBy(target)).isPresent()) {
            Timer timer = next.get();
            if (timers.remove(timer.id()) != null) { // else cancelled meanwhile
                now.set(Math.max(now.get(), timer.dueNanos()));
                run(timer);
            }
        }
        now.set(target);
    }

    // The earliest timer due by then.
    private Optional<Timer> nextDueBy(long target) {
        return timers.values().stream().filter(timer -> timer.dueNanos() <= target)
                .min(Comparator.comparingLong(Timer::dueNanos).thenComparingLong(Timer::id));
    }

    private static void run(Timer timer) {
        if (timer.context() == null) {
            timer.action().run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        timer.context().runOnContext(v -> {
            try {
                timer.action().run();
            } finally {
                done.complete(null);
            }
        });
        done.orTimeout(10, TimeUnit.SECONDS).join();
    }
}
