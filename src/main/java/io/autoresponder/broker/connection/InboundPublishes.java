package io.autoresponder.broker.connection;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubRecReasonCode;

import io.autoresponder.broker.BrokerMetrics;
import io.autoresponder.broker.ProtocolFault;
import io.autoresponder.broker.ProtocolFaults;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Refusal;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.broker.routing.Subscriber;
import io.autoresponder.broker.security.AccessGate;
import io.autoresponder.broker.session.Session;
import io.autoresponder.compat.PubRecWithReason;

/**
 * PUBLISH flows from one client to the broker: QoS 0/1/2 acknowledgement, and routing each message once. The
 * QoS 2 packet identifiers awaiting PUBREL live in the {@link Session}, so a PUBLISH re-sent after a
 * reconnect is acknowledged without being routed again and QoS 2 stays exactly once [MQTT-4.3.3-2].
 */
final class InboundPublishes {

    private static final Logger LOG = Logger.getLogger(InboundPublishes.class);
    private static final String NOT_UTF8 =
            "payload format indicator says UTF-8 but the payload is not (MQTT 5.0 section 3.3.2.3.2)";
    private static final String NOT_AUTHORIZED = "the ACL does not allow this client to publish to this topic";

    private final MqttEndpoint endpoint;
    private final Session session;
    private final Router router;
    private final BrokerMetrics metrics;
    private final ProtocolFaults faults;
    private final boolean mqtt5;
    private final AccessGate access;
    private final ReasonStrings reasons;
    /** The Receive Maximum this broker announced in CONNACK (MQTT 5 only). */
    private final int receiveMaximum;
    /** QoS 1 messages of this connection routed and not yet answered with PUBACK. */
    private int unacknowledgedQos1;

    InboundPublishes(MqttEndpoint endpoint, Session session, Router router, BrokerMetrics metrics,
            ProtocolFaults faults, boolean mqtt5, AccessGate access, ReasonStrings reasons, int receiveMaximum) {
        this.faults = faults;
        this.access = access;
        this.receiveMaximum = receiveMaximum;
        this.reasons = reasons;
        this.endpoint = endpoint;
        this.session = session;
        this.router = router;
        this.metrics = metrics;
        this.mqtt5 = mqtt5;
    }

    /**
     * A valid PUBLISH to {@code topic} (checked by the connection, topic alias resolved). The payload is copied
     * here: the decoder's buffer is released once the Vert.x handler returns, and routing may happen on the
     * session's context later.
     */
    void onPublish(MqttPublishMessage message, String topic) {
        MqttQoS qos = message.qosLevel();
        int packetId = message.messageId();
        Buffer payload = Buffer.buffer(message.payload().getBytes());
        boolean retain = message.isRetain();
        MqttProperties received = message.properties();
        session.execute(() -> route(topic, payload, qos, packetId, retain, received));
    }

    /** PUBREL: the QoS 2 flow of {@code packetId} is over, its identifier may be used again. */
    void onRelease(int packetId) {
        session.execute(() -> {
            session.releaseInbound(packetId);
            if (endpoint.isConnected()) {
                endpoint.publishComplete(packetId);
            }
        });
    }

    private void route(String topic, Buffer payload, MqttQoS qos, int packetId, boolean retain,
            MqttProperties received) {
        if (qos == MqttQoS.EXACTLY_ONCE && session.awaitingRelease().contains(packetId)) {
            // Re-sent before PUBREL, maybe on a new connection: acknowledge again without routing a second copy.
            if (endpoint.isConnected()) {
                endpoint.publishReceived(packetId);
            }
            return;
        }
        if (mqtt5 && qos != MqttQoS.AT_MOST_ONCE
                && unacknowledgedQos1 + session.awaitingRelease().size() >= receiveMaximum) {
            receiveMaximumExceeded();
            return;
        }
        if (!access.publishAllowed(topic)) {
            refuseUnauthorized(packetId, qos);
            return;
        }
        if (mqtt5 && PayloadFormat.declaresUtf8(received) && !PayloadFormat.isUtf8(payload)) {
            refuseMalformedPayload(packetId, qos);
            return;
        }
        metrics.payloadReceived(payload.length());
        if (qos == MqttQoS.EXACTLY_ONCE) {
            session.awaitRelease(packetId);
        } else if (qos == MqttQoS.AT_LEAST_ONCE) {
            unacknowledgedQos1++;
        }
        MqttProperties properties = ApplicationProperties.of(received);
        CompletionStage<Void> taken = router.publish(new Publication(topic, payload, qos, retain, properties,
                session.clientId(), Publication.expiryOf(properties, session.clock().nanoTime())));
        if (qos == MqttQoS.AT_MOST_ONCE) {
            return;
        }
        if (taken == Subscriber.TAKEN) {
            acknowledge(packetId, qos, null);
        } else {
            // An in-process consumer takes its time: the acknowledgement is its flow control [MQTT 5.0 4.9].
            taken.whenComplete((done, refused) -> session.execute(() -> acknowledge(packetId, qos, refused)));
        }
    }

    private void acknowledge(int packetId, MqttQoS qos, Throwable refused) {
        if (refused != null) {
            LOG.debugf("client %s: message %d refused by a subscriber: %s", session.clientId(), packetId,
                    refused.toString());
        }
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            unacknowledgedQos1--;
        }
        if (qos == MqttQoS.EXACTLY_ONCE && refused != null && mqtt5) {
            // A PUBREC with an error code ends the QoS 2 flow: no PUBREL follows (MQTT 5.0 section 4.3.3).
            session.releaseInbound(packetId);
        }
        if (!endpoint.isConnected()) {
            return; // the client sends the PUBLISH again when it resumes its session
        }
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            if (refused != null && mqtt5) {
                endpoint.publishAcknowledge(packetId, pubAckCode(refused),
                        reasons.onAcknowledgement(refusalText(refused)));
            } else {
                endpoint.publishAcknowledge(packetId);
            }
        } else if (refused != null && mqtt5) {
            PubRecWithReason.send(endpoint, packetId, pubRecCode(refused),
                    reasons.onAcknowledgement(refusalText(refused)));
        } else {
            endpoint.publishReceived(packetId);
        }
    }

    /**
     * A payload that says it is UTF-8 and is not (MQTT 5.0 section 3.3.2.3.2): QoS 1/2 get reason 0x99 and the
     * message is not routed; a QoS 0 message has no acknowledgement to carry it, so the connection is closed
     * with DISCONNECT 0x99.
     */
    private void refuseMalformedPayload(int packetId, MqttQoS qos) {
        faults.record(ProtocolFault.PAYLOAD_FORMAT_INVALID, session.clientId(), NOT_UTF8);
        if (!endpoint.isConnected()) {
            return;
        }
        switch (qos) {
            case AT_LEAST_ONCE -> endpoint.publishAcknowledge(packetId, MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    reasons.onAcknowledgement(NOT_UTF8));
            case EXACTLY_ONCE -> PubRecWithReason.send(endpoint, packetId, MqttPubRecReasonCode.PAYLOAD_FORMAT_INVALID,
                    reasons.onAcknowledgement(NOT_UTF8));
            default -> {
                if (endpoint.isConnected()) {
                    endpoint.disconnect(io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode.PAYLOAD_FORMAT_INVALID,
                            reasons.onConnackOrDisconnect(NOT_UTF8));
                }
            }
        }
    }

    /**
     * More QoS 1/2 PUBLISH packets without PUBACK or PUBCOMP than the Receive Maximum this broker announced: the
     * client ignores flow control, so the connection ends with DISCONNECT 0x93 (MQTT 5.0 section 3.3.4).
     */
    private void receiveMaximumExceeded() {
        faults.record(ProtocolFault.RECEIVE_MAXIMUM_EXCEEDED, session.clientId(),
                "more than " + receiveMaximum + " QoS 1/2 messages unacknowledged");
        if (endpoint.isConnected()) {
            endpoint.disconnect(io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                    reasons.onConnackOrDisconnect("more than the Receive Maximum of " + receiveMaximum
                            + " QoS 1/2 messages unacknowledged"));
        }
    }

    /**
     * A PUBLISH the ACL denies is dropped. MQTT 5 QoS 1/2 publishers learn it from reason 0x87 (MQTT 5.0 section
     * 3.4.2.1); MQTT 3.1.1 has no negative acknowledgement, so they get the normal one [MQTT-3.3.5-2].
     */
    private void refuseUnauthorized(int packetId, MqttQoS qos) {
        if (!endpoint.isConnected()) {
            return;
        }
        switch (qos) {
            case AT_LEAST_ONCE -> {
                if (mqtt5) {
                    endpoint.publishAcknowledge(packetId, MqttPubAckReasonCode.NOT_AUTHORIZED,
                            reasons.onAcknowledgement(NOT_AUTHORIZED));
                } else {
                    endpoint.publishAcknowledge(packetId);
                }
            }
            case EXACTLY_ONCE -> {
                if (mqtt5) {
                    PubRecWithReason.send(endpoint, packetId, MqttPubRecReasonCode.NOT_AUTHORIZED,
                            reasons.onAcknowledgement(NOT_AUTHORIZED));
                } else {
                    endpoint.publishReceived(packetId);
                }
            }
            default -> {
            }
        }
    }

    private static MqttPubAckReasonCode pubAckCode(Throwable refused) {
        return refusalReason(refused) == Refusal.Reason.QUOTA_EXCEEDED ? MqttPubAckReasonCode.QUOTA_EXCEEDED
                : MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    }

    private static MqttPubRecReasonCode pubRecCode(Throwable refused) {
        return refusalReason(refused) == Refusal.Reason.QUOTA_EXCEEDED ? MqttPubRecReasonCode.QUOTA_EXCEEDED
                : MqttPubRecReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    }

    /** The subscriber's own words for a {@link Refusal}; other failures are internal and stay in the log. */
    private static String refusalText(Throwable refused) {
        Throwable cause = refused instanceof CompletionException && refused.getCause() != null
                ? refused.getCause() : refused;
        return cause instanceof Refusal refusal ? refusal.getMessage() : "not accepted by a subscriber";
    }

    private static Refusal.Reason refusalReason(Throwable refused) {
        Throwable cause = refused instanceof CompletionException && refused.getCause() != null
                ? refused.getCause() : refused;
        return cause instanceof Refusal refusal ? refusal.reason() : Refusal.Reason.NOT_ACCEPTED;
    }
}
