package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The built-in responder's channels exist unless the application switches the built-in responder off. */
class BuiltInResponderChannelsTest {

    @Test
    void channelsAreThereByDefault() {
        SmallRyeConfig config = config(Map.of());

        assertThat(config.getOptionalValue("mp.messaging.incoming.test.topic", String.class)).hasValue("test");
        assertThat(config.getOptionalValue("mp.messaging.outgoing.other.topic", String.class)).hasValue("other");
    }

    @Test
    void switchedOffThereAreNone() {
        SmallRyeConfig config = config(Map.of(BuiltInResponderChannels.ENABLED_KEY, "false"));

        assertThat(config.getOptionalValue("mp.messaging.incoming.test.topic", String.class)).isEmpty();
        assertThat(config.getOptionalValue("mp.messaging.outgoing.other.connector", String.class)).isEmpty();
    }

    @Test
    void anApplicationsOwnValueWins() {
        SmallRyeConfig config = config(Map.of("mp.messaging.incoming.test.topic", "requests/+"));

        assertThat(config.getOptionalValue("mp.messaging.incoming.test.topic", String.class)).hasValue("requests/+");
    }

    // Ordinal 250: where an application's application.properties sits.
    private static SmallRyeConfig config(Map<String, String> application) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(application, "application", 250))
                .withSources(new BuiltInResponderChannels()).build();
    }
}
