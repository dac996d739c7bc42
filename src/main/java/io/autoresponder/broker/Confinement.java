package io.autoresponder.broker;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Whether the calling code already runs where a broker object is confined: on its Vert.x context's event loop.
 * A duplicated context (on which the application handles each request, and which Quarkus uses per HTTP request)
 * shares its root's event loop, so code on it needs no hop to reach an object of the root context; comparing
 * contexts by identity alone would send every reply through the event loop's task queue.
 */
public final class Confinement {

    private Confinement() {
    }

    /** True when the current context is {@code context}, or a duplicate of the same root. */
    public static boolean isOn(Context context) {
        Context current = Vertx.currentContext();
        if (current == context) {
            return true;
        }
        return current != null && context != null
                && VertxContext.getRootContext(current) == VertxContext.getRootContext(context);
    }
}
