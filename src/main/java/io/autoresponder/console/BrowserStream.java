package io.autoresponder.console;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One browser's server-sent event stream. Messages wait in a queue of fixed size and are written on the
 * connection's own event loop as fast as the browser reads; when the queue is full newer messages are dropped
 * for this browser, counted, and the browser is told how many it missed. The responder never waits for a browser.
 */
final class BrowserStream {

    private static final Buffer PING = Buffer.buffer(": ping\n\n");

    private final HttpServerResponse response;
    private final Context context;
    private final int capacity;
    private final LongConsumer droppedMeter;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long droppedSinceWritten;
    private boolean draining;
    private boolean closed;

    BrowserStream(HttpServerResponse response, Context context, int capacity, LongConsumer droppedMeter) {
        this.response = response;
        this.context = context;
        this.capacity = capacity;
        this.droppedMeter = droppedMeter;
    }

    /** Queues one event frame for this browser, or drops and counts it when the browser is behind. */
    void offer(Buffer frame) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= capacity) {
                droppedSinceWritten++;
                droppedMeter.accept(1);
                return;
            }
            queue.add(frame);
            if (draining) {
                return;
            }
            draining = true;
        }
        context.runOnContext(ignored -> drain());
    }

    /** A comment line that keeps proxies from closing an idle stream; skipped when anything is waiting. */
    void ping() {
        synchronized (this) {
            if (closed || draining || !queue.isEmpty()) {
                return;
            }
        }
        offer(PING);
    }

    void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
    }

    // On the connection's event loop; only one drain runs at a time (the draining flag).
    private void drain() {
        while (true) {
            if (response.closed()) {
                close();
                return;
            }
            if (response.writeQueueFull()) {
                response.drainHandler(ignored -> drain());
                return;
            }
            Buffer next;
            long dropped;
            synchronized (this) {
                next = queue.poll();
                dropped = droppedSinceWritten;
                droppedSinceWritten = 0;
                if (next == null && dropped == 0) {
                    draining = false;
                    return;
                }
            }
            if (dropped > 0) {
                response.write("event: dropped\ndata: " + dropped + "\n\n");
            }
            if (next != null) {
                response.write(next);
            }
        }
    }
}
