package io.autoresponder.console;

/**
 * The reply a test message got.
 *
 * @param topic       where it came
 * @param payload     its payload
 * @param afterMillis milliseconds from publishing the request to receiving the reply
 */
record TestReply(String topic, byte[] payload, long afterMillis) {
}
