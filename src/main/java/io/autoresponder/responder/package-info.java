/**
 * The programming model around handlers: JSON payload conversion, reply addressing, the {@code replyTo}
 * convention, dead letters, metrics. Knows MQTT semantics, never the broker. Internal.
 */
package io.autoresponder.responder;
