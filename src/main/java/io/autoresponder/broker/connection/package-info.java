/**
 * One client's protocol on one network connection: the CONNECT decision, keep-alive, inbound PUBLISH flows,
 * SUBSCRIBE/UNSUBSCRIBE, topic aliases, reason strings, the will. Internal.
 */
package io.autoresponder.broker.connection;
