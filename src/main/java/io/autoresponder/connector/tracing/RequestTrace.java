package io.autoresponder.connector.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/**
 * Metadata of a traced request: its receive span while it waits for the application, then its handle span. The
 * request's reply is built from the request's message and so carries this too: its publish span is a child of
 * {@link #context()}.
 *
 * @param context the trace context the request is in, with {@link #span()} as its current span
 * @param span    the request's open span
 */
record RequestTrace(Context context, Span span) {
}
