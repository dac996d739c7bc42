/**
 * The broker's network listeners (TCP, TLS, MQTT over WebSocket) and the limits they enforce at the edge.
 * Internal.
 */
package io.autoresponder.broker.listener;
