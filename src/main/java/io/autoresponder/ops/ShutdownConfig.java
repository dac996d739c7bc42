package io.autoresponder.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Graceful shutdown on SIGTERM, under {@code autoresponder.shutdown}. */
@ConfigMapping(prefix = "autoresponder.shutdown")
public interface ShutdownConfig {

    /** Longest wait on SIGTERM for requests in flight to be answered before disconnecting. */
    @WithDefault("10s")
    Duration gracePeriod();

    /**
     * Clean sessions: after unsubscribing, requests are still answered until none arrived for this long (the
     * broker may have been sending them while the UNSUBSCRIBE travelled).
     */
    @WithDefault("500ms")
    Duration quietPeriod();
}
