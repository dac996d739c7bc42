package io.autoresponder.broker.persistence;

import java.nio.file.Path;

/**
 * The journal cannot be read back: the broker does not start, and the file is left as it is for the operator
 * (moved aside, it starts the broker empty; kept, it is evidence).
 */
public final class CorruptStoreException extends RuntimeException {

    CorruptStoreException(Path file, long offset, String what) {
        super("The broker's store " + file.toAbsolutePath() + " is unreadable at byte " + offset + ": " + what
                + ". Nothing was changed: move the file aside to start with an empty store, or restore it from a backup.");
    }

    CorruptStoreException(Path file, String what, Throwable cause) {
        super("The broker's store " + file.toAbsolutePath() + " cannot be used: " + what, cause);
    }
}
