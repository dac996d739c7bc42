package io.autoresponder.broker.persistence;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Meters of the broker's store, {@code autoresponder_broker_store_*}, registered once the store is open. */
@Singleton
public class StoreMetrics {

    private static final long ERROR_INTERVAL = TimeUnit.MINUTES.toNanos(1);

    private final MeterRegistry registry;
    private final Counter refused;
    private final Counter writeFailures;
    private final Counter compactions;
    private final AtomicLong lastError = new AtomicLong(System.nanoTime() - ERROR_INTERVAL);
    private final AtomicLong unlogged = new AtomicLong();

    StoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        refused = Counter.builder("autoresponder.broker.store.refused")
                .description("Messages not kept because the store holds persistence.max-size of live data: a retained "
                        + "message not retained, a queued message dropped for its session")
                .register(registry);
        writeFailures = Counter.builder("autoresponder.broker.store.write.failures")
                .description("Writes or forces of the broker's store that failed (disk full, volume gone)")
                .register(registry);
        compactions = Counter.builder("autoresponder.broker.store.compactions")
                .description("Rewrites of the broker's store with its live records only").register(registry);
    }

    void bind(BrokerStore store) {
        Gauge.builder("autoresponder.broker.store.bytes", store, BrokerStore::fileBytes).strongReference(true)
                .baseUnit("bytes").description("Size of the broker's journal file").register(registry);
        Gauge.builder("autoresponder.broker.store.live.bytes", store, BrokerStore::liveBytes).strongReference(true)
                .baseUnit("bytes").description("Bytes of the journal's live records (persistence.max-size bounds it)")
                .register(registry);
    }

    void refused() {
        refused.increment();
    }

    void compacted() {
        compactions.increment();
    }

    /** The operator must act (the disk is full or gone): an ERROR line, at most one a minute. */
    void writeFailed(Logger log, String message) {
        writeFailures.increment();
        long now = System.nanoTime();
        long last = lastError.get();
        if (now - last >= ERROR_INTERVAL && lastError.compareAndSet(last, now)) {
            long suppressed = unlogged.getAndSet(0);
            log.error(suppressed == 0 ? message : message + " (" + suppressed + " more failures in the last minute)");
        } else {
            unlogged.incrementAndGet();
        }
    }
}
