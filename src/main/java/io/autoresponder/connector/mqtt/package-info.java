/**
 * Connector {@code autoresponder-mqtt}: channels on a network MQTT broker (MQTT 5 or 3.1.1) through the HiveMQ
 * client, with acknowledgement after the reply, flow control and a stall watchdog. Internal.
 */
package io.autoresponder.connector.mqtt;
