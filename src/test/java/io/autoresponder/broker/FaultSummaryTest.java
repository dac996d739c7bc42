package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A flood of client faults becomes one log line per interval, with the counts by kind. */
class FaultSummaryTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FaultSummary summary = new FaultSummary(MINUTE);

    @Test
    void theFirstFaultIsToldAtOnce() {
        String line = summary.add(ProtocolFault.MALFORMED_PACKET, 5 * SECOND);

        assertThat(line).startsWith("MQTT clients broke the protocol: 1 connection closed (malformed_packet 1)")
                .contains("autoresponder_broker_protocol_errors_total").contains("at most once every 60 s");
    }

    @Test
    void faultsWithinTheIntervalAreSummedUpAndToldWithTheFirstFaultAfterIt() {
        long start = 7 * SECOND;
        summary.add(ProtocolFault.MALFORMED_PACKET, start);
        int told = 0;
        for (int i = 1; i <= 10_000; i++) {
            ProtocolFault fault = i % 4 == 0 ? ProtocolFault.PACKET_BEFORE_CONNECT : ProtocolFault.MALFORMED_PACKET;
            if (summary.add(fault, start + i * (MINUTE / 20_000)) != null) {
                told++;
            }
        }
        assertThat(told).as("lines within the first interval").isZero();

        String line = summary.add(ProtocolFault.SECOND_CONNECT, start + MINUTE);

        assertThat(line).contains("10001 connections closed in the last 59 s")
                .contains("(malformed_packet 7500, packet_before_connect 2500, second_connect 1)");
        assertThat(summary.add(ProtocolFault.SECOND_CONNECT, start + MINUTE + SECOND)).isNull();
    }

    @Test
    void afterAQuietIntervalTheNextFaultIsToldAtOnce() {
        summary.add(ProtocolFault.MALFORMED_PACKET, 0);

        String line = summary.add(ProtocolFault.TLS_HANDSHAKE, 10 * MINUTE);

        assertThat(line).contains("1 connection closed").contains("(tls_handshake 1)");
    }
}
