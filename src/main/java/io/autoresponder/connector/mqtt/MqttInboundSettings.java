package io.autoresponder.connector.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Attributes of one incoming channel of the {@value MqttConnector#NAME} connector.
 *
 * @param channel           channel name
 * @param filters           topic filters at start (wildcards and {@code $share/group/filter} allowed): the
 *                          channel's {@code topic}, or those of its {@code topics-from} source
 * @param qos               maximum QoS requested in SUBSCRIBE
 * @param bufferSize        QoS 0 messages queued while the handler is busy; more are dropped and counted
 * @param duplicateWindow   how long an answered request is remembered to recognise its redelivery
 * @param duplicateCapacity at most this many answered requests are remembered (0: none)
 * @param duplicateJournal  directory of the journal of answered requests; in memory only when absent
 * @param stallTimeout      how long QoS 1/2 requests may be pending with none completed before the channel counts
 *                          as stalled ({@link ProgressWatch}); zero: never
 */
public record MqttInboundSettings(String channel, Set<String> filters, int qos, int bufferSize, Duration duplicateWindow,
        int duplicateCapacity, Optional<Path> duplicateJournal, Duration stallTimeout) {

    public MqttInboundSettings {
        filters = Set.copyOf(filters);
    }
}
