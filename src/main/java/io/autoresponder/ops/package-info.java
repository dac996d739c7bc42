/**
 * Operations: health checks, the event-loop heartbeat, the readiness log line and gauge, graceful shutdown. Internal.
 */
package io.autoresponder.ops;
