/**
 * The public API for handler authors: the metadata a handler reads from a request ({@link MqttIncomingMetadata})
 * and the per-reply choices it can make ({@link MqttOutgoingMetadata}), the same whatever connector carries the
 * channel. Nothing outside this package is API: every other package is internal and may change in any release.
 */
package io.autoresponder.api;
