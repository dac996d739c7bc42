package io.autoresponder.broker.routing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.netty.handler.codec.mqtt.MqttQoS;

/** Something the router delivers messages to: a network client connection, or an in-process consumer. */
public interface Subscriber {

    /** Returned by {@link #deliver} when the subscriber has taken the message (sent or queued it). */
    CompletionStage<Void> TAKEN = CompletableFuture.completedFuture(null);

    /**
     * Delivers one message. Called from any thread; implementations move to their own thread.
     *
     * @param publication the message
     * @param qos         delivery QoS: the minimum of the published QoS and the granted QoS [MQTT-3.8.4-6]
     * @return {@link #TAKEN}, or a stage that completes when the subscriber has processed the message; the
     *         publisher's QoS 1/2 acknowledgement waits for it. It fails when the subscriber refuses the
     *         message (its bounded queue is full).
     */
    CompletionStage<Void> deliver(Publication publication, MqttQoS qos);

    /**
     * Delivers one message with its routing facts ({@link Route}: shared group, MQTT 5 subscription
     * identifiers). A network session keeps them for the PUBLISH and for handing a shared message to another
     * member; others only need the QoS.
     */
    default CompletionStage<Void> deliver(Publication publication, Route route) {
        return deliver(publication, route.qos());
    }

    /** Client identifier of a network subscriber, for the MQTT 5 no-local option; null in-process. */
    default String clientId() {
        return null;
    }
}
