package io.autoresponder.compat;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Checks at start, before anything else runs, that every internal of a dependency we use is where this release
 * expects it: after a dependency upgrade that moved one, the start fails at once with the dependency's name and
 * version, instead of a feature quietly degrading later.
 */
@ApplicationScoped
public class CompatibilityCheck {

    void onStart(@Observes @Priority(1) StartupEvent event, Vertx vertx) {
        PubRecWithReason.check();
        GatedMqttServer.check();
        StockClientRegistry.check();
        VertxEventLoops.check(vertx);
        VertxDispatch.check(vertx);
    }
}
