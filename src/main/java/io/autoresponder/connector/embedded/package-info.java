/**
 * Connector {@code autoresponder-embedded}: channels attached to the embedded broker's router, no socket in between.
 * Internal.
 */
package io.autoresponder.connector.embedded;
