package io.autoresponder.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Start-up settings, under {@code autoresponder.startup}. */
@ConfigMapping(prefix = "autoresponder.startup")
public interface StartupConfig {

    /** A WARN is logged when the service is not ready (broker listening, channels subscribed) after this long. */
    @WithDefault("60s")
    Duration readyWait();
}
