package io.autoresponder.broker.persistence;

/** Where a live record's frame lies in the journal file: its offset and its length, header included. */
record Location(long offset, int length) {
}
