/**
 * The request pipeline: the stages every request passes between an incoming connector and a handler, and every
 * reply between a handler and an outgoing connector, in the order {@link RequestPipeline} defines. Internal.
 */
package io.autoresponder.responder.pipeline;
