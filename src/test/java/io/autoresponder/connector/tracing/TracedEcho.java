package io.autoresponder.connector.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * A blocking handler (on a worker thread, not the thread that received the request) that logs one line and answers
 * with the span it ran in: what a handler author sees of the trace and the log context.
 */
@ApplicationScoped
@IfBuildProperty(name = TracingProfile.ECHO, stringValue = "true")
public class TracedEcho {

    static final String LINE = "traced echo handling a request";
    private static final Logger LOG = Logger.getLogger(TracedEcho.class);

    /** What the handler saw. */
    public record SeenSpan(String traceId, String spanId) {
    }

    @Incoming("traced")
    @Outgoing("traced-replies")
    @Blocking
    public SeenSpan echo(byte[] request) {
        LOG.info(LINE);
        Span current = Span.current();
        return new SeenSpan(current.getSpanContext().getTraceId(), current.getSpanContext().getSpanId());
    }
}
