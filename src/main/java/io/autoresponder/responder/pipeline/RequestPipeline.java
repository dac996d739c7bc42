package io.autoresponder.responder.pipeline;

/**
 * The request pipeline, top to bottom: the stages a request passes from the socket to the handler, and its reply
 * from the handler back to the broker. The stages that Reactive Messaging runs as decorators of an incoming
 * channel take their order from this enum ({@link #priority()}: lower runs first, nearer the connector); the
 * others are listed where they happen so that one page tells the whole path.
 *
 * <h2>From the broker to the handler</h2>
 * <ol>
 * <li><b>Connector intake</b> (in the connector, before any stage here): the embedded connector takes a
 * publication from the router ({@link io.autoresponder.connector.embedded.InboundChannel}); the network connector
 * takes a PUBLISH from the HiveMQ client, drops a request it already answered (duplicate detection,
 * {@link io.autoresponder.connector.mqtt.dedup.DuplicateRequests}) and holds the acknowledgement until the request
 * is done ({@link io.autoresponder.connector.mqtt.MqttInboundChannel}); the stock connector hands over what its
 * client received.</li>
 * <li>{@link #EARLY_SUBSCRIPTION}, {@link #ACKNOWLEDGEMENT}, {@link #INTAKE}, {@link #OBSERVATION},
 * {@link #FAILURE}, {@link #REPLY_TO}: the decorators below, in this order.</li>
 * <li><b>Payload conversion</b> ({@link io.autoresponder.responder.JsonPayloadConverter}): raw bytes become the
 * record the handler takes; a payload that cannot be converted goes to the dead-letter channel
 * ({@link io.autoresponder.responder.DeadLetterOffice}) and never reaches the handler.</li>
 * <li><b>The handler</b>: an {@code @Incoming}/{@code @Outgoing} method of the application.</li>
 * </ol>
 *
 * <h2>From the handler to the broker</h2>
 * <ol>
 * <li><b>Outgoing observation</b> ({@link OutgoingChannelObserver}): counts replies accepted or failed by the
 * connector and records the handling time from the request's {@link Received} stamp.</li>
 * <li><b>Reply address and encoding</b> (in the outgoing connector): where the reply goes and which correlation
 * it carries ({@link io.autoresponder.responder.ReplyAddress}: per-message metadata, the request's MQTT 5
 * response topic, its {@code replyTo}, the channel's topic), and its bytes
 * ({@link io.autoresponder.responder.PayloadEncoder}).</li>
 * <li><b>Acknowledgement of the request</b>: once the reply (or dead letter) was accepted, the request's
 * acknowledgement goes to the broker; this is what {@link #ACKNOWLEDGEMENT} arranges for the stock connector and
 * what our connectors do themselves.</li>
 * </ol>
 */
public enum RequestPipeline {

    /**
     * Stock connector only: subscribes to its stream at once, so requests a broker sends right after CONNACK wait
     * for the application instead of being dropped ({@link io.autoresponder.connector.stock.EarlySubscription}).
     * First of all: nothing may subscribe before it.
     */
    EARLY_SUBSCRIPTION(0),

    /**
     * Stock connector only: the broker's PUBACK waits until the request was handled
     * ({@link io.autoresponder.connector.stock.AckAfterReply}). Wraps the connector's own message before any
     * later stage sees it, so every way a request ends (reply, dead letter, failure) acknowledges it.
     */
    ACKNOWLEDGEMENT(10),

    /**
     * The door ({@link RequestIntake}): counts requests in flight for a graceful shutdown and, once closed, lets
     * none in. After {@link #ACKNOWLEDGEMENT}, so a request turned away is not acknowledged (the broker keeps it);
     * before {@link #OBSERVATION}, so it is not counted as received.
     */
    INTAKE(20),

    /**
     * Counts each request and stamps it {@link Received} with its channel and arrival time
     * ({@link IncomingChannelObserver}). At Reactive Messaging's default decorator priority.
     */
    OBSERVATION(1000),

    /**
     * Dead-letters a request whose handler failed or whose reply could not be sent ({@link FailedRequests}).
     * After {@link #OBSERVATION}, whose stamp names the channel in the dead letter.
     */
    FAILURE(1050),

    /**
     * The {@code replyTo} convention for requesters without MQTT 5 request/response ({@link ReplyToConvention}).
     * After {@link #OBSERVATION}, whose stamp names the channel in a dead letter for an invalid {@code replyTo}.
     */
    REPLY_TO(1100);

    private final int priority;

    RequestPipeline(int priority) {
        this.priority = priority;
    }

    /** The decorator priority of this stage: stages run in the order of this enum. */
    public int priority() {
        return priority;
    }
}
