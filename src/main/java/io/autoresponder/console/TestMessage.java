package io.autoresponder.console;

/**
 * A message the console's form publishes, as an MQTT 5 request: its reply is awaited on {@code responseTopic}
 * (MQTT 5.0 section 4.10), which handlers and rules answer to.
 *
 * @param topic           topic to publish to
 * @param payload         the payload
 * @param qos             0, 1 or 2
 * @param responseTopic   where the reply is expected, unique to this message
 * @param correlationData correlation data sent with it
 */
record TestMessage(String topic, byte[] payload, int qos, String responseTopic, byte[] correlationData) {
}
