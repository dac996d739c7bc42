package io.autoresponder.connector;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Messages a channel could not take or recognised as duplicates, by channel (channel names come from configuration). */
@ApplicationScoped
public class ChannelCounters {

    private final MeterRegistry registry;

    ChannelCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void dropped(String channel) {
        Counter.builder("autoresponder.channel.dropped")
                .description("QoS 0 messages dropped because the channel's queue was full")
                .tag("channel", channel).register(registry).increment();
    }

    public void duplicate(String channel) {
        Counter.builder("autoresponder.channel.duplicates")
                .description("Redelivered requests acknowledged without a second answer")
                .tag("channel", channel).register(registry).increment();
    }

    public void journalFailed(String channel) {
        Counter.builder("autoresponder.channel.journal.failures")
                .description("Answered requests that could not be written to the duplicate journal")
                .tag("channel", channel).register(registry).increment();
    }

    /** Registers the stall counter at zero, so a dashboard or alert sees the series before the first stall. */
    public void registerStalls(String channel) {
        stalls(channel);
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
        Counter.builder("autoresponder.channel.refused")
                .description("QoS 1/2 messages refused because the channel's queue was full")
                .tag("channel", channel).register(registry).increment();
    }
}
