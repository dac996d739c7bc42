package io.autoresponder.ops;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operations settings: start-up, liveness and graceful shutdown, under {@code autoresponder}. */
@ConfigMapping(prefix = "autoresponder")
public interface OpsConfig {

    /** Start-up. */
    Startup startup();

    /** Liveness. */
    Liveness liveness();

    /** Graceful shutdown on SIGTERM. */
    Shutdown shutdown();

    /** Start-up settings. */
    interface Startup {

        /** A WARN is logged when the service is not ready (broker listening, channels subscribed) after this long. */
        @WithDefault("60s")
        Duration readyWait();
    }

    /** Liveness settings. */
    interface Liveness {

        /** Liveness fails when an event loop has not run a heartbeat task for this long (it is stuck). */
        @WithDefault("10s")
        Duration eventLoopTimeout();
    }

    /** Graceful shutdown settings. */
    interface Shutdown {

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
}
