package io.autoresponder.rules;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Gives the two values {@link RulesChannels} refers to, worked out when they are read, from the whole configuration
 * (a factory sees only part of it): {@value #CONNECTOR} and {@value #CHANNELS_ENABLED}. Either may be set
 * explicitly like any key.
 */
// Below the expression interceptor (LIBRARY + 300), so that ${...} references to these keys reach this one.
@Priority(Priorities.LIBRARY + 200)
public class RulesChannelsInterceptor implements ConfigSourceInterceptor {

    private static final long serialVersionUID = 1L;

    /** The rules channels' connector. */
    static final String CONNECTOR = "autoresponder.rules.connector";
    /** Whether the rules channels are on. */
    static final String CHANNELS_ENABLED = "autoresponder.rules.channels-enabled";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null || !(name.equals(CONNECTOR) || name.equals(CHANNELS_ENABLED))) {
            return value;
        }
        String computed = name.equals(CONNECTOR) ? connector(context) : Boolean.toString(channelsEnabled(context));
        return ConfigValue.builder().withName(name).withValue(computed).withConfigSourceName("autoresponder rules")
                .build();
    }

    /**
     * In-process with the embedded broker; with an external one, our network connector, which shares its connection
     * with the responder channels.
     */
    private static String connector(ConfigSourceInterceptorContext context) {
        return is(context.proceed("autoresponder.broker.enabled"), "false") ? "autoresponder-mqtt"
                : "autoresponder-embedded";
    }

    /**
     * Off only when the responder channels use the stock connector and there is no rules file: a connection of the
     * rules' own would need {@code autoresponder-mqtt} settings such an application does not have, for nothing.
     */
    private static boolean channelsEnabled(ConfigSourceInterceptorContext context) {
        boolean stock = is(context.proceed("autoresponder.responder.connector"), "smallrye-mqtt");
        ConfigValue file = context.proceed("autoresponder.rules.file");
        boolean noFile = file == null || file.getValue() == null || file.getValue().isBlank();
        return !(stock && noFile);
    }

    private static boolean is(ConfigValue value, String expected) {
        return value != null && value.getValue() != null && value.getValue().trim().equalsIgnoreCase(expected);
    }
}
