package io.autoresponder.responder;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Keeps Reactive Messaging's per-request ERROR with stack trace ({@code SRMSG00200}, "the method ... has thrown an
 * exception") out of the console: a request whose handler failed is dead-lettered, counted and logged by
 * {@link io.autoresponder.responder.pipeline.FailedRequests} (a rate-limited WARN, the stack trace at DEBUG), so a
 * downstream service that is down for a minute costs a few lines, not one stack trace per request. Attached to
 * the console handler by default ({@code quarkus.log.console.filter}); every other record passes.
 */
@LoggingFilter(name = HandlerExceptionLogFilter.NAME)
public final class HandlerExceptionLogFilter implements Filter {

    /** The name {@code quarkus.log.console.filter} refers to. */
    public static final String NAME = "autoresponder-handler-failures";

    static final String CATEGORY = "io.smallrye.reactive.messaging.provider";
    static final String MESSAGE_ID = "SRMSG00200";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(CATEGORY.equals(record.getLoggerName()) && record.getMessage() != null
                && record.getMessage().startsWith(MESSAGE_ID));
    }
}
