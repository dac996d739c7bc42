package io.autoresponder.compat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs code synchronously on a fresh duplicated Vert.x context, the way Quarkus runs each HTTP request: values a
 * request keeps in its context (the logging MDC, the OpenTelemetry context) stay with that request and follow it
 * onto worker threads. The public API only offers {@code runOnContext}, a hop through the event loop's task queue
 * per message; {@code io.vertx.core.impl.ContextInternal}, an internal interface, dispatches in place.
 */
public final class VertxDispatch {

    private static final String INTERNAL = "io.vertx.core.impl.ContextInternal";

    private VertxDispatch() {
    }

    /** Throws {@link IllegalStateException} naming Vert.x and its version when its contexts cannot do this. */
    static void check(Vertx vertx) {
        String problem;
        try {
            Class<?> internal = Class.forName(INTERNAL, false, Vertx.class.getClassLoader());
            internal.getMethod("duplicate");
            internal.getMethod("dispatch", Runnable.class);
            problem = internal.isInstance(vertx.getOrCreateContext()) ? null
                    : vertx.getOrCreateContext().getClass().getName() + " does not implement it";
        } catch (ClassNotFoundException e) {
            problem = "interface not found";
        } catch (NoSuchMethodException e) {
            problem = "has no duplicate() or dispatch(Runnable)";
        }
        if (problem != null) {
            throw VertxEventLoops.VERTX_CORE.unsupported(INTERNAL, problem,
                    "give each request its own context for the logging MDC and traces");
        }
    }

    /**
     * Runs {@code action} on this thread with a new duplicate of the current context (or, on a thread Vert.x does
     * not own, of the context Vert.x keeps for that thread) as the current context.
     */
    public static void onNewDuplicate(Vertx vertx, Runnable action) {
        Context current = Vertx.currentContext();
        Context base = current != null ? current : vertx.getOrCreateContext();
        ((io.vertx.core.impl.ContextInternal) base).duplicate().dispatch(action);
    }
}
