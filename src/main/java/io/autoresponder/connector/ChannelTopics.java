package io.autoresponder.connector;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Topic filters an incoming channel follows while the application runs, for channels whose requests are not
 * known at build time (the rules channel: its filters come from the rules file and change when it is reloaded).
 * A channel names its source with the connector attribute {@code topics-from}: the {@code @Identifier} of a bean
 * of this type. Our connectors subscribe to the filters at start, and to the new ones and off the old ones on
 * each change; the stock connector does not support it.
 */
public interface ChannelTopics {

    /** The filters now; may be empty (the channel then receives nothing). */
    Set<String> filters();

    /** Calls {@code listener} with the new filters after every change. */
    void onChange(Consumer<Set<String>> listener);
}
