package io.autoresponder.broker.persistence;

/** One incarnation of a client's session: a clean start makes a new one under the same client id. */
record SessionKey(String clientId, long incarnation) {
}
