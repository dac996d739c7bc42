package io.autoresponder.broker;

import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns a stream of client faults into at most one log line per interval: the first fault is told at once, the
 * ones after it are summed up by kind and told with the next fault after the interval. A flood of bad packets
 * thus costs the operator one line a minute, not one per packet.
 */
final class FaultSummary {

    private final long intervalNanos;
    private final Map<ProtocolFault, Long> counts = new EnumMap<>(ProtocolFault.class);
    private long windowStart;
    private long nextLineAt;
    private boolean told;

    FaultSummary(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Adds one fault seen at {@code now} (monotonic nanoseconds); returns the line to log now, or null. */
    synchronized String add(ProtocolFault fault, long now) {
        if (counts.isEmpty()) {
            windowStart = now;
        }
        counts.merge(fault, 1L, Long::sum);
        if (told && now - nextLineAt < 0) {
            return null;
        }
        String line = line(now);
        counts.clear();
        told = true;
        nextLineAt = now + intervalNanos;
        return line;
    }

    private String line(long now) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        StringJoiner kinds = new StringJoiner(", ");
        counts.forEach((kind, count) -> kinds.add(kind.tag() + " " + count));
        long seconds = Math.max(1, (now - windowStart) / 1_000_000_000L);
        String what = total == 1 ? "1 connection" : total + " connections";
        String when = told ? " in the last " + seconds + " s" : "";
        return "MQTT clients broke the protocol: " + what + " closed" + when + " (" + kinds + "). A client fault, not "
                + "the broker's: autoresponder_broker_protocol_errors_total counts them by kind, DEBUG on "
                + ProtocolFaults.class.getName() + " shows each, and this line comes at most once every "
                + intervalNanos / 1_000_000_000L + " s";
    }
}
