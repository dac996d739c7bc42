/**
 * Who gets a message: the router, the subscription table and topic tree, shared subscription groups, retained
 * messages, and the one message model ({@link Publication}) they pass around. Internal.
 */
package io.autoresponder.broker.routing;
