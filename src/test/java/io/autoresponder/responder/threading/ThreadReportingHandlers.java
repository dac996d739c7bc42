package io.autoresponder.responder.threading;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;

/**
 * Handlers of each threading shape that answer with the thread they ran on; present only under
 * {@link ThreadingProfile}.
 */
@ApplicationScoped
@IfBuildProperty(name = "autoresponder.test.thread-handlers", stringValue = "true")
public class ThreadReportingHandlers {

    public record Ask(String id) {
    }

    public record RanOn(String id, String shape, String thread, boolean virtual) {
    }

    @Incoming("thread-plain")
    @Outgoing("thread-replies")
    public RanOn plain(Ask ask) {
        return ranOn(ask, "plain");
    }

    @Incoming("thread-nonblocking")
    @Outgoing("thread-replies")
    @NonBlocking
    public RanOn nonBlocking(Ask ask) {
        return ranOn(ask, "nonblocking");
    }

    @Incoming("thread-blocking")
    @Outgoing("thread-replies")
    @Blocking
    public RanOn blocking(Ask ask) {
        return ranOn(ask, "blocking");
    }

    /**
     * Unordered: a request with {@code "id":"wait-..."} waits (bounded) for the next request of the channel,
     * which only an unordered handler can take while the first is still running.
     */
    @Incoming("thread-unordered")
    @Outgoing("thread-replies")
    @io.smallrye.reactive.messaging.annotations.Blocking(ordered = false)
    public RanOn unordered(Ask ask) throws InterruptedException {
        if (ask.id().startsWith("wait-")) {
            boolean wasOvertaken = overtaken.tryAcquire(10, TimeUnit.SECONDS);
            return new RanOn(ask.id(), wasOvertaken ? "unordered" : "unordered, never overtaken", "", false);
        }
        overtaken.release();
        return ranOn(ask, "unordered");
    }

    @Incoming("thread-uni")
    @Outgoing("thread-replies")
    public Uni<RanOn> uni(Ask ask) {
        return Uni.createFrom().item(() -> ranOn(ask, "uni"));
    }

    @Incoming("thread-virtual")
    @Outgoing("thread-replies")
    @RunOnVirtualThread
    public RanOn virtual(Ask ask) {
        return ranOn(ask, "virtual");
    }

    private final Semaphore overtaken = new Semaphore(0);

    private static RanOn ranOn(Ask ask, String shape) {
        Thread thread = Thread.currentThread();
        return new RanOn(ask.id(), shape, thread.getName(), isVirtual(thread));
    }

    /** {@code Thread.isVirtual()}, which Java 17 lacks. */
    private static boolean isVirtual(Thread thread) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException java17) {
            return false;
        }
    }
}
