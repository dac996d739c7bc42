package io.autoresponder.broker.persistence;

import java.util.List;

import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.session.StoredSession;

/**
 * What the broker's store read back at start.
 *
 * @param messages queued and in-flight messages over all sessions
 * @param millis   how long reading and compacting took
 */
public record Recovered(List<Publication> retained, List<StoredSession> sessions, long messages, long millis) {
}
