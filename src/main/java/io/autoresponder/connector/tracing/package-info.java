/**
 * Traces and log context across MQTT, for our connectors: the W3C trace context a request carries in its MQTT 5
 * user properties ({@code traceparent}, {@code tracestate}) is continued by spans for its receipt, its handling
 * and its reply's publication, and the reply carries the context on; each request runs on its own duplicated
 * Vert.x context with its client id, topic and correlation data in the logging MDC.
 */
package io.autoresponder.connector.tracing;
