package io.autoresponder.connector;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Messages a channel could not take or recognised as duplicates, by channel (channel names come from configuration).
 * Each connector registers the counters it can move at zero when a channel starts, so a dashboard or alert sees
 * the series (and {@code rate()} the first event) before the first occurrence.
 */
@ApplicationScoped
public class ChannelCounters {

    private final MeterRegistry registry;

    ChannelCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The in-process connector's incoming channel: QoS 0 dropped, QoS 1/2 refused when its queue is full. */
    public void registerEmbedded(String channel) {
        dropped(channel, 0);
        refused(channel, 0);
    }

    /** Our MQTT connector's incoming channel: QoS 0 dropped, duplicates, journal failures, stalls. */
    public void registerMqtt(String channel) {
        dropped(channel, 0);
        duplicates(channel).increment(0);
        journalFailures(channel).increment(0);
        stalls(channel).increment(0);
    }

    public void dropped(String channel) {
        dropped(channel, 1);
    }

    private void dropped(String channel, int count) {
        Counter.builder("autoresponder.channel.dropped")
                .description("QoS 0 messages dropped because the channel's queue was full")
                .tag("channel", channel).register(registry).increment(count);
    }

    public void duplicate(String channel) {
        duplicates(channel).increment();
    }

    private Counter duplicates(String channel) {
        return Counter.builder("autoresponder.channel.duplicates")
                .description("Redelivered requests acknowledged without a second answer")
                .tag("channel", channel).register(registry);
    }

    public void journalFailed(String channel) {
        journalFailures(channel).increment();
    }

    private Counter journalFailures(String channel) {
        return Counter.builder("autoresponder.channel.journal.failures")
                .description("Answered requests that could not be written to the duplicate journal")
                .tag("channel", channel).register(registry);
    }

    public void stalled(String channel) {
        stalls(channel).increment();
    }

    private Counter stalls(String channel) {
        return Counter.builder("autoresponder.channel.stalls")
                .description("Times an incoming channel had requests pending and completed none for its stall-timeout")
                .tag("channel", channel).register(registry);
    }

    public void refused(String channel) {
        refused(channel, 1);
    }

    private void refused(String channel, int count) {
        Counter.builder("autoresponder.channel.refused")
                .description("QoS 1/2 messages refused because the channel's queue was full")
                .tag("channel", channel).register(registry).increment(count);
    }
}
