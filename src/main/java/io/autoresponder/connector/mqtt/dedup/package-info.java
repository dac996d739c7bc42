/**
 * Duplicate detection of the {@code autoresponder-mqtt} connector: request keys, the bounded memory of answered
 * requests and its journal on disk. Internal.
 */
package io.autoresponder.connector.mqtt.dedup;
