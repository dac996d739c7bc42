package io.autoresponder.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Only Reactive Messaging's per-request handler exception is kept out of the console. */
class HandlerExceptionLogFilterTest {

    private final HandlerExceptionLogFilter filter = new HandlerExceptionLogFilter();

    @Test
    void dropsTheHandlerExceptionOfReactiveMessaging() {
        assertThat(filter.isLoggable(record(HandlerExceptionLogFilter.CATEGORY,
                "SRMSG00200: The method %s has thrown an exception"))).isFalse();
    }

    @Test
    void keepsEveryOtherRecordOfReactiveMessaging() {
        assertThat(filter.isLoggable(record(HandlerExceptionLogFilter.CATEGORY, "SRMSG00201: Error caught while processing"))).isTrue();
        assertThat(filter.isLoggable(record(HandlerExceptionLogFilter.CATEGORY, null))).isTrue();
    }

    @Test
    void keepsTheSameMessageIdFromAnotherCategory() {
        assertThat(filter.isLoggable(record("com.example.orders", "SRMSG00200: quoted by an application"))).isTrue();
    }

    @Test
    void isTheConsoleFilterByDefault() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.log.console.filter", String.class))
                .isEqualTo(HandlerExceptionLogFilter.NAME);
    }

    private static LogRecord record(String category, String message) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setLoggerName(category);
        return record;
    }
}
