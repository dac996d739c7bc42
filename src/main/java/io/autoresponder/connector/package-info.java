/**
 * Reactive Messaging connectors, the seam between the responder and a broker: {@code embedded} (in-process),
 * {@code mqtt} (network brokers over the HiveMQ client), {@code stock} (what the stock SmallRye MQTT connector
 * needs), and what they share. Internal.
 */
package io.autoresponder.connector;
