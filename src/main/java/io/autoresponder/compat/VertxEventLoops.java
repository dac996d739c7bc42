package io.autoresponder.compat;

import java.util.ArrayList;
import java.util.List;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;

/**
 * The Netty event loops behind a Vert.x instance, which the public API does not list: the liveness heartbeat
 * submits a task to each. Reached through {@code io.vertx.core.impl.VertxInternal}, an internal interface.
 */
public final class VertxEventLoops {

    static final Dependency VERTX_CORE = new Dependency("Vert.x core", "io.vertx", "vertx-core", Vertx.class);
    private static final String INTERNAL = "io.vertx.core.impl.VertxInternal";

    private VertxEventLoops() {
    }

    /** Throws {@link IllegalStateException} naming Vert.x and its version when {@code vertx} has no such view. */
    static void check(Vertx vertx) {
        String problem;
        try {
            Class<?> internal = Class.forName(INTERNAL, false, Vertx.class.getClassLoader());
            internal.getMethod("getEventLoopGroup");
            problem = internal.isInstance(vertx) ? null : vertx.getClass().getName() + " does not implement it";
        } catch (ClassNotFoundException e) {
            problem = "interface not found";
        } catch (NoSuchMethodException e) {
            problem = "has no getEventLoopGroup()";
        }
        if (problem != null) {
            throw VERTX_CORE.unsupported(INTERNAL, problem, "watch the event loops for liveness");
        }
    }

    /** The event loops of {@code vertx}. */
    public static List<EventExecutor> of(Vertx vertx) {
        List<EventExecutor> loops = new ArrayList<>();
        ((io.vertx.core.impl.VertxInternal) vertx).getEventLoopGroup().forEach(loops::add);
        return loops;
    }
}
