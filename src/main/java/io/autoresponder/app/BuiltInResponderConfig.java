package io.autoresponder.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The built-in responder, under {@code autoresponder.builtin-responder}. */
@ConfigMapping(prefix = "autoresponder.builtin-responder")
public interface BuiltInResponderConfig {

    /**
     * Whether the built-in responder ({@code test} -> {@code other}) runs. Fixed when the application is built: an
     * application with its own handlers sets it to {@code false} in its {@code application.properties}.
     */
    @WithDefault("true")
    boolean enabled();
}
