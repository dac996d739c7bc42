package io.autoresponder.app;

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
 * The channels of the built-in responder ({@link AutoReplyHandler}): requests on {@code test}, replies on
 * {@code other}, on the responder's connector. Given only while {@value #ENABLED_KEY} is not {@code false}, so an
 * application that brings its own handlers and switches the built-in one off has no channel nobody consumes.
 */
public class BuiltInResponderChannels implements ConfigSourceFactory {

    /** The switch: a build-time property, read by {@link AutoReplyHandler}'s bean condition too. */
    public static final String ENABLED_KEY = "autoresponder.builtin-responder.enabled";

    // Below application.properties (250) and every place an operator writes to; above the jar's
    // microprofile-config.properties (100), which has nothing for these channels.
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!enabled(context.getValue(ENABLED_KEY))) {
            return List.of();
        }
        Map<String, String> channels = new LinkedHashMap<>();
        channels.put("mp.messaging.incoming.test.connector", "${autoresponder.responder.connector}");
        channels.put("mp.messaging.incoming.test.topic", "test");
        channels.put("mp.messaging.incoming.test.qos", "1");
        // A failed reply or a rejected payload must never stop the stream (smallrye-mqtt; ours never stop it).
        channels.put("mp.messaging.incoming.test.failure-strategy", "ignore");
        // smallrye-mqtt queues received requests here until the handler takes them and fails the channel when
        // the queue overflows (its default, 128, fails on a burst); with acknowledgement after the reply the
        // broker's in-flight window for this client bounds it.
        channels.put("mp.messaging.incoming.test.buffer-size", "65536");
        channels.put("mp.messaging.outgoing.other.connector", "${autoresponder.responder.connector}");
        channels.put("mp.messaging.outgoing.other.topic", "other");
        channels.put("mp.messaging.outgoing.other.qos", "1");
        return List.of(new PropertiesConfigSource(channels, "autoresponder built-in responder channels", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** Whether a value of {@value #ENABLED_KEY} leaves the built-in responder on (absent means on). */
    static boolean enabled(ConfigValue value) {
        return value == null || value.getValue() == null || !value.getValue().trim().equalsIgnoreCase("false");
    }
}
