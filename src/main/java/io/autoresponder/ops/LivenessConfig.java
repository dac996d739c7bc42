package io.autoresponder.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Liveness settings, under {@code autoresponder.liveness}. */
@ConfigMapping(prefix = "autoresponder.liveness")
public interface LivenessConfig {

    /** Liveness fails when an event loop has not run a heartbeat task for this long (it is stuck). */
    @WithDefault("10s")
    Duration eventLoopTimeout();
}
