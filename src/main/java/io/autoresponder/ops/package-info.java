/**
 * Operations: health checks, the event-loop heartbeat, the readiness log line, graceful shutdown. Internal.
 */
package io.autoresponder.ops;
