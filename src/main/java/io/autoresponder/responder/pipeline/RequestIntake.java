package io.autoresponder.responder.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;

import io.autoresponder.responder.pipeline.AfterHandling;

/**
 * The door requests come in through: counts those in flight (taken from an incoming connector and not yet
 * acknowledged or failed) and, once {@link #close() closed}, lets no new request in. A request turned away is
 * neither handled nor acknowledged, so the broker keeps it for the next connection of a persistent session.
 */
@ApplicationScoped
public class RequestIntake implements PublisherDecorator {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong turnedAway = new AtomicLong();
    private final AtomicLong lastArrivalNanos = new AtomicLong(System.nanoTime());
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean closed;

    @Override
    public int getPriority() {
        return RequestPipeline.INTAKE.priority();
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelNames,
            boolean isConnector) {
        if (!isConnector) {
            return publisher;
        }
        return publisher.select().where(this::admit).map(this::track);
    }

    /** Lets no new request in; requests already in keep going. */
    public void close() {
        closed = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Requests taken in and not finished yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Requests that arrived after {@link #close()} and were left to the broker. */
    public long turnedAway() {
        return turnedAway.get();
    }

    /** Waits until the intake is closed and every request in flight finished; false if {@code limit} passed first. */
    public boolean awaitDrained(Duration limit) throws InterruptedException {
        try {
            drained.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Waits until nothing is in flight and no request arrived for {@code quiet}; false if {@code limit} passed
     * first. After unsubscribing, this is how the last requests the broker had already assigned are let in.
     */
    public boolean awaitQuiet(Duration quiet, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0 || System.nanoTime() - lastArrivalNanos.get() < quiet.toNanos()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    private boolean admit(Message<?> message) {
        lastArrivalNanos.set(System.nanoTime());
        if (closed) {
            turnedAway.incrementAndGet();
            return false;
        }
        inFlight.incrementAndGet();
        return true;
    }

    private Message<?> track(Message<?> message) {
        return AfterHandling.then(message, this::finishedOne);
    }

    private void finishedOne() {
        if (inFlight.decrementAndGet() == 0 && closed) {
            drained.complete(null);
        }
    }
}
