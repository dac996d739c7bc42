package io.autoresponder.broker;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where a client's protocol faults go: a counter by kind, a DEBUG line each, and a WARN summary at most once a
 * minute. A client's bad bytes are its fault, so they never log at ERROR, and a flood of them costs one line a
 * minute.
 */
@Singleton
public class ProtocolFaults {

    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(ProtocolFaults.class);

    private final BrokerClock clock;
    private final Map<ProtocolFault, Counter> counters = new EnumMap<>(ProtocolFault.class);
    private final FaultSummary summary = new FaultSummary(SUMMARY_INTERVAL.toNanos());

    ProtocolFaults(MeterRegistry registry, BrokerClock clock) {
        this.clock = clock;
        for (ProtocolFault fault : ProtocolFault.values()) {
            counters.put(fault, Counter.builder("autoresponder.broker.protocol.errors")
                    .description("Connections closed for a client's protocol fault, by kind").tag("kind", fault.tag())
                    .register(registry));
        }
    }

    /**
     * Counts one fault of the client {@code who} (its client id, else its address) and logs it.
     *
     * @param detail what the client did, for the DEBUG line
     */
    public void record(ProtocolFault fault, Object who, String detail) {
        counters.get(fault).increment();
        LOG.debugf("client %s: %s: %s; closing the connection", who, fault.tag(), detail);
        String line = summary.add(fault, clock.nanoTime());
        if (line != null) {
            LOG.warn(line);
        }
    }

    /** How many faults of this kind were counted. */
    public long count(ProtocolFault fault) {
        return (long) counters.get(fault).count();
    }
}
