package io.autoresponder.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log records at or above a level, from every logger (Vert.x and Netty included), while open. Quarkus tests log
 * through JBoss LogManager, which is the JUL log manager, so a handler on the root logger sees everything.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Level threshold;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Level threshold) {
        this.threshold = threshold;
        Logger.getLogger("").addHandler(this);
    }

    /** Captures ERROR records (JUL SEVERE) from now on. */
    public static LogCapture errors() {
        return new LogCapture(Level.SEVERE);
    }

    /** Captures WARN records and above (JUL WARNING) from now on. */
    public static LogCapture warnings() {
        return new LogCapture(Level.WARNING);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= threshold.intValue()) {
            records.add(record);
        }
    }

    /** What was captured so far, as {@code LEVEL logger: message} lines. */
    public List<String> lines() {
        return records.stream()
                .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                        + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"))
                .toList();
    }

    /** Forgets what was captured so far. */
    public void clear() {
        records.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
