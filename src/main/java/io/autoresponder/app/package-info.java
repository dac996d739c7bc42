/**
 * The built-in responder: answers {@code test} on {@code other}. Uses the public API only.
 */
package io.autoresponder.app;
