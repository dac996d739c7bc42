package io.autoresponder.console;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One message as the console shows it.
 *
 * @param seq       position in the feed, increasing
 * @param at        when it was seen, epoch milliseconds
 * @param kind      {@code request}, {@code reply} or {@code dead-letter}
 * @param channel   the Reactive Messaging channel
 * @param topic     the MQTT topic
 * @param bytes     payload size in bytes
 * @param payload   the payload as text, at most {@link ConsoleConfig#payloadChars()} characters
 * @param truncated whether {@code payload} was cut
 */
@RegisterForReflection
public record TrafficEntry(long seq, long at, String kind, String channel, String topic, int bytes, String payload,
        boolean truncated) {
}
