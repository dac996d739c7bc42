/**
 * What the broker keeps per client identifier across connections: sessions and their store, the outbound
 * flow and in-flight window, the queued-bytes budget, session expiry. Internal.
 */
package io.autoresponder.broker.session;
