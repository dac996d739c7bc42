/**
 * The in-process MQTT broker: {@link EmbeddedBroker}, its configuration, meters and {@code $SYS} topics.
 * Its parts: {@code listener} (sockets), {@code connection} (one client's protocol), {@code session} (state that
 * outlives a connection), {@code routing} (who gets a message), {@code security} (who may connect, publish,
 * subscribe). Knows nothing about JSON, handlers or connectors. Internal.
 */
package io.autoresponder.broker;
