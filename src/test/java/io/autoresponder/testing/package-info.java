/**
 * Test helpers for applications that write their own handlers, published as this artifact's {@code tests}
 * jar ({@code <type>test-jar</type>}, test scope): {@link EmbeddedBrokerPort} gives a {@code @QuarkusTest}'s
 * embedded broker a free port, {@link MqttTestClient} sends a request over real MQTT 5 and awaits its reply.
 * Supported like the public API: signatures change only with a major version.
 */
package io.autoresponder.testing;
