package io.autoresponder.broker.session;

/** Opens the journal of a session; the broker's store when persistence is on. */
public interface SessionJournals {

    /** Whether sessions are kept across restarts at all. */
    boolean enabled();

    /**
     * The journal of one incarnation of {@code clientId}'s session: a clean start makes a new incarnation, so the
     * end of the replaced one never ends its successor, in whatever order the two are written.
     */
    SessionJournal open(String clientId, long incarnation);
}
