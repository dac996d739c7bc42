/**
 * Every access to a dependency's internals, each checked at start so that a dependency upgrade that moved them
 * stops the start with the dependency's name instead of failing later. Internal.
 */
package io.autoresponder.compat;
