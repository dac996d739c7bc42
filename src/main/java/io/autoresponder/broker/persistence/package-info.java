/**
 * The embedded broker's state on disk: one append-only journal of retained messages and persistent sessions,
 * read back at start and compacted as it grows. Internal; see docs/broker-persistence.md.
 */
package io.autoresponder.broker.persistence;
