/**
 * The live console at {@code /console}: the responder's traffic streamed to a browser (server-sent events,
 * bounded per browser, drops counted), counters per topic and per rule, the loaded rules and their problems,
 * connected clients of the embedded broker, and a form that publishes a test message and shows its reply. Off
 * unless {@code autoresponder.console.enabled}; behind a login and role unless in dev mode.
 */
package io.autoresponder.console;
