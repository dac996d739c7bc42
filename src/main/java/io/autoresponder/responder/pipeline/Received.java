package io.autoresponder.responder.pipeline;

/**
 * Metadata stamped on every request when it leaves its incoming connector: which channel it came from and
 * when, so handling time can be measured when its reply is sent.
 *
 * @param channel        incoming channel name
 * @param receivedNanos  {@link System#nanoTime()} at receipt
 */
public record Received(String channel, long receivedNanos) {
}
