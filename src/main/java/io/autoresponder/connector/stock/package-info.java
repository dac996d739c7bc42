/**
 * What the stock SmallRye MQTT connector ({@code smallrye-mqtt}) needs to keep the responder's guarantees: early
 * subscription, acknowledgement after the reply, client options, sessions at shutdown. Internal.
 */
package io.autoresponder.connector.stock;
