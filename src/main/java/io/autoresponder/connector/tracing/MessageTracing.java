package io.autoresponder.connector.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.Vertx;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;
import io.autoresponder.compat.VertxDispatch;
import io.autoresponder.responder.OutgoingReply;
import io.autoresponder.responder.ResponderConfig;

/**
 * Where our connectors meet tracing and the log context, at three points of a request's life:
 * <ol>
 * <li>{@link #received}: the connector took it. A CONSUMER span {@code receive <channel>} starts, child of the
 * context in the request's {@code traceparent}/{@code tracestate} user properties (a new trace without them).</li>
 * <li>{@link #dispatch}: the application takes it. The receive span ends (its length is the wait for demand) and an
 * INTERNAL span {@code handle <channel>} starts, ending when the request is acknowledged or failed. The handler
 * runs on a fresh duplicated Vert.x context in which that span is current and the request's MDC is set.</li>
 * <li>{@link #publishing}: a reply (or dead letter) is published. A PRODUCER span {@code publish <channel>},
 * child of the request's handle span, ends when the broker accepted it; the reply's user properties carry its
 * context, so whoever consumes the reply continues the same trace.</li>
 * </ol>
 * With the OpenTelemetry SDK disabled (the default: {@code quarkus.otel.sdk.disabled=true}) no span is made and a
 * reply carries its request's {@code traceparent}/{@code tracestate} unchanged, so traces still pass through.
 */
@Singleton
public class MessageTracing {

    private static final String INSTRUMENTATION = "io.autoresponder";

    private final Vertx vertx;
    private final boolean logContext;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    @Inject
    MessageTracing(Vertx vertx, Instance<OpenTelemetry> openTelemetry, ResponderConfig config,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled) {
        this(vertx, config.logContext(), sdkDisabled || !openTelemetry.isResolvable() ? null : openTelemetry.get());
    }

    /** For tests: {@code openTelemetry} null means not tracing. */
    static MessageTracing of(Vertx vertx, boolean logContext, OpenTelemetry openTelemetry) {
        return new MessageTracing(vertx, logContext, openTelemetry);
    }

    private MessageTracing(Vertx vertx, boolean logContext, OpenTelemetry openTelemetry) {
        this.vertx = vertx;
        this.logContext = logContext;
        this.tracer = openTelemetry == null ? null : openTelemetry.getTracer(INSTRUMENTATION);
        this.propagator = openTelemetry == null ? null : openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** No spans, no duplicated contexts: for channels used outside an application (tests of a connector alone). */
    public static MessageTracing none() {
        return new MessageTracing(null, false, null);
    }

    /** Whether spans are made (the OpenTelemetry SDK is enabled). */
    public boolean isTracing() {
        return tracer != null;
    }

    /** {@code message} as taken by the connector of {@code channel}: with its receive span, when tracing. */
    public Message<?> received(Message<?> message, String channel) {
        if (tracer == null) {
            return message;
        }
        MqttIncomingMetadata request = message.getMetadata(MqttIncomingMetadata.class).orElse(null);
        if (request == null) {
            return message;
        }
        Context parent = propagator.extract(Context.root(), request.userProperties(), TraceProperties.GETTER);
        Span span = span("receive", channel, parent, SpanKind.CONSUMER, request.topic(), "receive")
                .setAttribute("messaging.message.body.size", bodySize(message))
                .startSpan();
        return message.addMetadata(new RequestTrace(parent.with(span), span));
    }

    /**
     * Hands {@code message} of {@code channel} to {@code downstream} on this thread, on a new duplicated context
     * with the request's log context and, when tracing, its handle span current.
     */
    public void dispatch(Message<?> message, String channel, Consumer<Message<?>> downstream) {
        Message<?> handled = handling(message, channel);
        if (vertx == null || !logContext && tracer == null) {
            downstream.accept(handled);
            return;
        }
        VertxDispatch.onNewDuplicate(vertx, () -> {
            // The duplicated context is this request's alone: what is put in it is not taken out, so a handler's
            // asynchronous continuation on the same context keeps the MDC and the trace.
            if (logContext) {
                handled.getMetadata(MqttIncomingMetadata.class).ifPresent(LogContext::put);
            }
            handled.getMetadata(RequestTrace.class).ifPresent(trace -> trace.context().makeCurrent());
            downstream.accept(handled);
        });
    }

    private Message<?> handling(Message<?> message, String channel) {
        RequestTrace received = message.getMetadata(RequestTrace.class).orElse(null);
        if (received == null) {
            return message;
        }
        received.span().end();
        String topic = message.getMetadata(MqttIncomingMetadata.class).map(MqttIncomingMetadata::topic).orElse(null);
        Span span = span("handle", channel, received.context(), SpanKind.INTERNAL, topic, "process").startSpan();
        Message<?> traced = message.addMetadata(new RequestTrace(received.context().with(span), span));
        return Message.of(traced.getPayload(), traced.getMetadata(),
                metadata -> traced.ack(metadata).whenComplete((ignored, failure) -> end(span, failure)),
                (reason, metadata) -> traced.nack(reason, metadata)
                        .whenComplete((ignored, failure) -> end(span, reason)));
    }

    /**
     * {@code reply}, built from {@code message} for outgoing {@code channel}, as it is to be published: with the
     * trace context in its user properties, and the span to end when the broker took it.
     */
    public Publishing publishing(Message<?> message, OutgoingReply reply, String channel) {
        if (tracer == null) {
            List<Map.Entry<String, String>> passed = message.getMetadata(MqttIncomingMetadata.class)
                    .map(request -> TraceProperties.of(request.userProperties())).orElse(List.of());
            return new Publishing(passed.isEmpty() ? reply : withTrace(reply, passed), null);
        }
        Context parent = message.getMetadata(RequestTrace.class).map(RequestTrace::context).orElseGet(Context::current);
        Span span = span("publish", channel, parent, SpanKind.PRODUCER, reply.topic(), "send")
                .setAttribute("messaging.message.body.size", (long) reply.payload().length())
                .startSpan();
        List<Map.Entry<String, String>> trace = new ArrayList<>(2);
        propagator.inject(parent.with(span), trace, TraceProperties.SETTER);
        return new Publishing(withTrace(reply, trace), span);
    }

    private SpanBuilder span(String operation, String channel, Context parent, SpanKind kind, String topic,
            String operationType) {
        SpanBuilder builder = tracer.spanBuilder(operation + " " + channel).setParent(parent).setSpanKind(kind)
                .setAttribute("messaging.system", "mqtt")
                .setAttribute("messaging.operation.name", operation)
                .setAttribute("messaging.operation.type", operationType)
                .setAttribute("autoresponder.channel", channel);
        if (topic != null) {
            builder.setAttribute("messaging.destination.name", topic);
        }
        return builder;
    }

    private static long bodySize(Message<?> message) {
        return message.getPayload() instanceof byte[] bytes ? bytes.length : -1;
    }

    private static OutgoingReply withTrace(OutgoingReply reply, List<Map.Entry<String, String>> trace) {
        MqttOutgoingMetadata chosen = reply.metadata().orElse(null);
        MqttOutgoingMetadata metadata = chosen == null
                ? new MqttOutgoingMetadata(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), List.copyOf(trace))
                : new MqttOutgoingMetadata(chosen.topic(), chosen.qos(), chosen.retain(), chosen.responseTopic(),
                        chosen.correlationData(), chosen.contentType(),
                        TraceProperties.replace(chosen.userProperties(), trace));
        return new OutgoingReply(reply.topic(), reply.qos(), reply.retain(), reply.payload(), reply.correlationData(),
                Optional.of(metadata));
    }

    static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }

    /**
     * A reply ready to publish and its publish span, if any.
     *
     * @param reply the reply with its trace context
     * @param span  its publish span; null when not tracing
     */
    public record Publishing(OutgoingReply reply, Span span) {

        /** Ends the publish span: the broker took the reply, or {@code failure} says why not. */
        public void done(Throwable failure) {
            if (span != null) {
                end(span, failure);
            }
        }
    }
}
