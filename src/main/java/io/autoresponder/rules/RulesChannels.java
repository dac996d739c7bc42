package io.autoresponder.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The rules' channels: requests on {@value #REQUESTS}, whose subscriptions follow the rules' topic filters
 * ({@code topics-from}), replies on {@value #REPLIES}. Always on our connectors, which can follow a reload:
 * in-process with the embedded broker, {@code autoresponder-mqtt} with an external one. Without a rules file the
 * channel has no subscription and receives nothing; with the stock connector and no rules file, the channels are
 * off.
 */
public class RulesChannels implements ConfigSourceFactory {

    /** Incoming channel of the requests the rules answer. */
    public static final String REQUESTS = "rules";
    /** Outgoing channel of the rules' replies. */
    public static final String REPLIES = "rule-replies";

    /**
     * The switch: a build-time property, read by {@link RulesResponder}'s bean condition too; {@code false} leaves
     * out the rules and their channels (an application with handlers only).
     */
    public static final String ENABLED_KEY = "autoresponder.rules.enabled";

    // As the built-in responder's channels: below application.properties, above the jar's defaults.
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue enabled = context.getValue(ENABLED_KEY);
        if (enabled != null && enabled.getValue() != null && enabled.getValue().trim().equalsIgnoreCase("false")) {
            return List.of();
        }
        // Connector and switch are worked out when read (RulesChannelsInterceptor), from the whole configuration.
        String connector = "${" + RulesChannelsInterceptor.CONNECTOR + "}";
        String on = "${" + RulesChannelsInterceptor.CHANNELS_ENABLED + "}";
        Map<String, String> channels = new LinkedHashMap<>();
        channels.put("mp.messaging.incoming." + REQUESTS + ".connector", connector);
        channels.put("mp.messaging.incoming." + REQUESTS + ".enabled", on);
        channels.put("mp.messaging.incoming." + REQUESTS + ".topics-from", RuleTopics.NAME);
        channels.put("mp.messaging.outgoing." + REPLIES + ".connector", connector);
        channels.put("mp.messaging.outgoing." + REPLIES + ".enabled", on);
        channels.put("mp.messaging.outgoing." + REPLIES + ".topic", "rules/replies");
        return List.of(new PropertiesConfigSource(channels, "autoresponder rules channels", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
