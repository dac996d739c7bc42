package io.autoresponder.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.MqttWill;
import io.vertx.mqtt.messages.MqttDisconnectMessage;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;

/**
 * The protocol state of one network client: CONNECT, PUBLISH flows for QoS 0/1/2 in both directions,
 * SUBSCRIBE/UNSUBSCRIBE, DISCONNECT and the will. All state is touched on the connection's event loop only;
 * deliveries from other threads hop onto it.
 */
final class MqttConnection implements Subscriber {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class);
    private static final String NOT_UTF8 = "payload format indicator says UTF-8 but the payload is not (MQTT 5.0 section 3.3.2.3.2)";

    private final MqttEndpoint endpoint;
    private final Context context;
    private final BrokerConfig config;
    private final Router router;
    private final ConnectionRegistry registry;
    private final BrokerMetrics metrics;
    private final Authenticator authenticator;
    private final ReasonStrings reasons;
    private final TopicLimits topicLimits;
    /** Inbound QoS 2 packet ids routed and waiting for PUBREL: a re-sent PUBLISH must not be routed twice. */
    private final Set<Integer> awaitingRelease = new HashSet<>();
    /** This client's topic filters, for the per-client subscription limit. */
    private final Set<String> subscribedFilters = new HashSet<>();
    private OutboundWindow outbound;
    private TopicAliases topicAliases;
    private KeepAliveWatch keepAlive;
    private String clientId;
    private boolean accepted;
    private boolean willSuppressed;
    private boolean closed;
    private long maxOutgoingPacketSize = Long.MAX_VALUE;

    MqttConnection(MqttEndpoint endpoint, BrokerConfig config, Router router, ConnectionRegistry registry,
            BrokerMetrics metrics, Authenticator authenticator) {
        this.authenticator = authenticator;
        this.endpoint = endpoint;
        this.context = Vertx.currentContext();
        this.config = config;
        this.router = router;
        this.registry = registry;
        this.metrics = metrics;
        this.reasons = ReasonStrings.of(endpoint.protocolVersion(), endpoint.connectProperties());
        this.topicLimits = TopicLimits.of(config);
    }

    @Override
    public String clientId() {
        return clientId;
    }

    /** Handles the CONNECT this endpoint was created for. */
    void start() {
        ConnectDecision decision = ConnectDecision.decide(endpoint.clientIdentifier(), endpoint.isCleanSession(),
                endpoint.protocolVersion());
        if (decision.refused()) {
            refuse(decision.refusal(), "empty client identifier needs clean session [MQTT-3.1.3-8]");
            return;
        }
        KeepAlivePolicy keepAlivePolicy = KeepAlivePolicy.decide(endpoint.keepAliveTimeSeconds(), config.maxKeepAlive(),
                isMqtt5());
        if (keepAlivePolicy.refused()) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, "keep-alive "
                    + endpoint.keepAliveTimeSeconds() + "s beyond " + config.maxKeepAlive() + "s (autoresponder.broker.max-keep-alive)");
            return;
        }
        String willTopicError = willTopicError();
        if (willTopicError != null) {
            refuseWill(willTopicError);
            return;
        }
        if (registry.size() >= config.maxConnections()) {
            MqttConnectReturnCode full = isMqtt5() ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            refuse(full, "the broker has its maximum of " + registry.size() + " connections");
            return;
        }
        endpoint.closeHandler(v -> onClose());
        authenticator.authenticate(endpoint.auth()).onComplete(checked -> {
            if (closed) {
                return; // the client went away while its credentials were checked
            }
            Authenticator.Outcome outcome = checked.succeeded() ? checked.result() : Authenticator.Outcome.NOT_AUTHORIZED;
            if (outcome == Authenticator.Outcome.ACCEPTED) {
                accept(decision, keepAlivePolicy);
            } else {
                refuse(refusalCode(outcome), outcome == Authenticator.Outcome.BAD_CREDENTIALS
                        ? "bad user name or password" : "not authorized");
            }
        });
    }

    private String willTopicError() {
        MqttWill will = endpoint.will();
        return will == null || !will.isWillFlag() ? null : topicLimits.nameError(will.getWillTopic());
    }

    /**
     * A will that could never be published is refused at CONNECT, not dropped at the worst moment: MQTT 5 with
     * CONNACK 0x90; MQTT 3.1.1 has no return code for it, so the connection is closed, as Mosquitto does.
     */
    private void refuseWill(String error) {
        if (isMqtt5()) {
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID, "will topic: " + error);
        } else {
            LOG.debugf("CONNECT from %s refused: will topic: %s", endpoint.remoteAddress(), error);
            metrics.protocolError();
            endpoint.close();
        }
    }

    private void refuse(MqttConnectReturnCode code, String reason) {
        LOG.debugf("CONNECT from %s refused: %s (%s)", endpoint.remoteAddress(), code, reason);
        metrics.refused(code);
        endpoint.reject(code, reasons.onConnackOrDisconnect(reason));
    }

    private MqttConnectReturnCode refusalCode(Authenticator.Outcome outcome) {
        boolean badCredentials = outcome == Authenticator.Outcome.BAD_CREDENTIALS;
        if (isMqtt5()) {
            return badCredentials ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5;
        }
        return badCredentials ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD
                : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
    }

    private void accept(ConnectDecision decision, KeepAlivePolicy keepAlivePolicy) {
        clientId = decision.clientId();
        endpoint.setClientIdentifier(clientId);
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);
        outbound = new OutboundWindow(Math.min(config.maxInflightMessages(), clientReceiveMaximum()),
                config.maxQueuedMessages());
        maxOutgoingPacketSize = clientMaximumPacketSize();
        topicAliases = new TopicAliases(config.topicAliasMaximum());
        keepAlive = KeepAliveWatch.start(context, keepAlivePolicy,
                () -> disconnect(MqttDisconnectReasonCode.KEEP_ALIVE_TIMEOUT, "no packet for 1.5 x the keep-alive"));

        endpoint.publishHandler(keepAlive.watching(this::onPublish));
        endpoint.publishReleaseHandler(keepAlive.watching(this::onPublishRelease));
        endpoint.publishAcknowledgeHandler(keepAlive.watching(this::onOutboundComplete));
        endpoint.publishReceivedHandler(keepAlive.watching(endpoint::publishRelease));
        endpoint.publishCompletionHandler(keepAlive.watching(this::onOutboundComplete));
        endpoint.subscribeHandler(keepAlive.watching(this::onSubscribe));
        endpoint.unsubscribeHandler(keepAlive.watching(this::onUnsubscribe));
        endpoint.pingHandler(keepAlive.watching(ping -> { }));
        endpoint.disconnectMessageHandler(this::onDisconnect);
        endpoint.exceptionHandler(this::onException);

        registry.register(this);
        metrics.connected();
        accepted = true;
        if (isMqtt5()) {
            endpoint.accept(false, keepAlivePolicy.addTo(decision.connackProperties(config)));
        } else {
            endpoint.accept(false);
        }
        LOG.debugf("client %s connected from %s (protocol level %d, keep-alive %ds)", clientId,
                endpoint.remoteAddress(), endpoint.protocolVersion(), endpoint.keepAliveTimeSeconds());
    }

    // ---- inbound PUBLISH -------------------------------------------------------------------------------

    private void onPublish(MqttPublishMessage message) {
        String topic = message.topicName();
        if (isMqtt5()) {
            TopicAliases.Resolution resolution = topicAliases.resolve(topic, message.properties());
            if (resolution.failed()) {
                protocolViolation("PUBLISH " + resolution.reason(), resolution.error());
                return;
            }
            topic = resolution.topic();
        }
        String error = topicLimits.nameError(topic);
        if (error != null) {
            protocolViolation("PUBLISH topic name: " + error, MqttDisconnectReasonCode.TOPIC_NAME_INVALID);
            return;
        }
        MqttQoS qos = message.qosLevel();
        int packetId = message.messageId();
        if (qos == MqttQoS.EXACTLY_ONCE && awaitingRelease.contains(packetId)) {
            // Re-sent before PUBREL: acknowledge again without routing a second copy (MQTT 3.1.1 section 4.3.3).
            endpoint.publishReceived(packetId);
            return;
        }
        // Copy: the decoder's buffer is released once this handler returns.
        Buffer payload = Buffer.buffer(message.payload().getBytes());
        if (isMqtt5() && PayloadFormat.declaresUtf8(message.properties()) && !PayloadFormat.isUtf8(payload)) {
            refuseMalformedPayload(packetId, qos);
            return;
        }
        metrics.payloadReceived(payload.length());
        if (qos == MqttQoS.EXACTLY_ONCE) {
            awaitingRelease.add(packetId);
        }
        MqttProperties properties = ApplicationProperties.of(message.properties());
        CompletionStage<Void> taken = router.publish(new Publication(topic, payload, qos, message.isRetain(),
                properties, clientId, Publication.expiryOf(properties, System.nanoTime())));
        if (qos == MqttQoS.AT_MOST_ONCE) {
            return;
        }
        if (taken == Subscriber.TAKEN) {
            acknowledge(packetId, qos, null);
        } else {
            // An in-process consumer takes its time: the acknowledgement is its flow control [MQTT 5.0 4.9].
            taken.whenComplete((done, refused) -> onContext(() -> acknowledge(packetId, qos, refused)));
        }
    }

    private void acknowledge(int packetId, MqttQoS qos, Throwable refused) {
        if (closed || !endpoint.isConnected()) {
            return;
        }
        if (refused != null) {
            LOG.debugf("client %s: message %d refused by a subscriber: %s", clientId, packetId, refused.toString());
        }
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            if (refused != null && isMqtt5()) {
                endpoint.publishAcknowledge(packetId, pubAckCode(refused), reasons.onAcknowledgement(refusalText(refused)));
            } else {
                endpoint.publishAcknowledge(packetId);
            }
        } else if (refused != null && isMqtt5()) {
            awaitingRelease.remove(packetId);
            disconnect(qos2RefusalCode(refused), refusalText(refused));
        } else {
            endpoint.publishReceived(packetId);
        }
    }

    private static MqttPubAckReasonCode pubAckCode(Throwable refused) {
        return refusalReason(refused) == Refusal.Reason.QUOTA_EXCEEDED ? MqttPubAckReasonCode.QUOTA_EXCEEDED
                : MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    }

    /**
     * A refused QoS 2 message ends the connection with DISCONNECT and the reason code a PUBREC would have carried:
     * Vert.x 4.5's {@code MqttEndpoint.publishReceived(id, reasonCode, properties)} drops the reason code and sends
     * PUBREC Success, which would tell the client a message it never delivered was accepted. The spec allows
     * DISCONNECT with 0x97, 0x99 or 0x83 instead (MQTT 5.0 section 3.14.2.1).
     */
    private static MqttDisconnectReasonCode qos2RefusalCode(Throwable refused) {
        return refusalReason(refused) == Refusal.Reason.QUOTA_EXCEEDED ? MqttDisconnectReasonCode.QUOTA_EXCEEDED
                : MqttDisconnectReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    }

    private static Refusal.Reason refusalReason(Throwable refused) {
        return unwrap(refused) instanceof Refusal refusal ? refusal.reason() : Refusal.Reason.NOT_ACCEPTED;
    }

    /** The subscriber's own words for a {@link Refusal}; other failures are internal and stay in the log. */
    private static String refusalText(Throwable refused) {
        return unwrap(refused) instanceof Refusal refusal ? refusal.getMessage() : "not accepted by a subscriber";
    }

    private static Throwable unwrap(Throwable refused) {
        return refused instanceof java.util.concurrent.CompletionException && refused.getCause() != null
                ? refused.getCause() : refused;
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /**
     * A payload that says it is UTF-8 and is not (MQTT 5.0 section 3.3.2.3.2) is not routed: QoS 1 gets PUBACK 0x99;
     * QoS 0 has no acknowledgement to carry it and QoS 2 cannot get a PUBREC with it (see qos2RefusalCode), so the
     * connection is closed with DISCONNECT 0x99.
     */
    private void refuseMalformedPayload(int packetId, MqttQoS qos) {
        metrics.protocolError();
        switch (qos) {
            case AT_LEAST_ONCE -> endpoint.publishAcknowledge(packetId, MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    reasons.onAcknowledgement(NOT_UTF8));
            // QoS 2 as QoS 0: no PUBREC with a reason code (see qos2RefusalCode).
            default -> disconnect(MqttDisconnectReasonCode.PAYLOAD_FORMAT_INVALID, NOT_UTF8);
        }
    }

    private void onPublishRelease(int packetId) {
        awaitingRelease.remove(packetId);
        endpoint.publishComplete(packetId);
    }

    // ---- SUBSCRIBE / UNSUBSCRIBE -------------------------------------------------------------------------

    private void onSubscribe(MqttSubscribeMessage message) {
        List<MqttTopicSubscription> requested = message.topicSubscriptions();
        List<MqttSubAckReasonCode> codes = new ArrayList<>(requested.size());
        List<MqttTopicSubscription> granted = new ArrayList<>(requested.size());
        StringBuilder refusals = new StringBuilder();
        for (MqttTopicSubscription subscription : requested) {
            String filter = subscription.topicName();
            String error = topicLimits.filterError(filter);
            MqttSubAckReasonCode refusal = MqttSubAckReasonCode.TOPIC_FILTER_INVALID;
            if (error == null && !subscribedFilters.contains(filter)
                    && subscribedFilters.size() >= config.maxSubscriptionsPerClient()) {
                error = "client has its maximum of " + subscribedFilters.size()
                        + " subscriptions (autoresponder.broker.max-subscriptions-per-client)";
                refusal = MqttSubAckReasonCode.QUOTA_EXCEEDED;
            }
            if (error != null) {
                LOG.debugf("client %s: SUBSCRIBE %s refused: %s", clientId, filter, error);
                refusals.append(refusals.isEmpty() ? "" : "; ").append('\'').append(filter).append("': ").append(error);
                codes.add(refusal);
            } else {
                subscribedFilters.add(filter);
                codes.add(MqttSubAckReasonCode.qosGranted(subscription.qualityOfService()));
                granted.add(subscription);
            }
        }
        if (isMqtt5()) {
            endpoint.subscribeAcknowledge(message.messageId(), codes,
                    refusals.isEmpty() ? MqttProperties.NO_PROPERTIES : reasons.onAcknowledgement(refusals.toString()));
        } else {
            // MQTT 3.1.1 SUBACK carries a granted QoS or 0x80 failure per filter [MQTT-3.9.3-2].
            List<MqttQoS> qos = codes.stream()
                    .map(MqttConnection::grantedQos).toList();
            endpoint.subscribeAcknowledge(message.messageId(), qos);
        }
        // After SUBACK, so retained messages follow the acknowledgement.
        for (MqttTopicSubscription subscription : granted) {
            router.subscribe(this, subscription.topicName(), isMqtt5() ? subscription.subscriptionOption()
                    : MqttSubscriptionOption.onlyFromQos(subscription.qualityOfService()));
        }
    }

    private void onUnsubscribe(MqttUnsubscribeMessage message) {
        List<MqttUnsubAckReasonCode> codes = new ArrayList<>();
        for (String filter : message.topics()) {
            boolean existed = Topics.filterError(filter) == null && router.unsubscribe(this, filter);
            subscribedFilters.remove(filter);
            codes.add(existed ? MqttUnsubAckReasonCode.SUCCESS : MqttUnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED);
        }
        if (isMqtt5()) {
            endpoint.unsubscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.unsubscribeAcknowledge(message.messageId());
        }
    }

    // ---- outbound PUBLISH --------------------------------------------------------------------------------

    @Override
    public CompletionStage<Void> deliver(Publication publication, MqttQoS qos) {
        onContext(() -> enqueue(publication, qos));
        return TAKEN;
    }

    private void enqueue(Publication publication, MqttQoS qos) {
        if (closed) {
            return;
        }
        if (publication.isExpired(System.nanoTime())) {
            metrics.dropped(); // expired before it could be sent [MQTT-3.3.2-5]
            return;
        }
        if (estimatedPacketSize(publication) > maxOutgoingPacketSize) {
            // MQTT 5.0 section 3.1.2.11.4: a packet the client cannot take is discarded, as if sent.
            metrics.dropped();
            return;
        }
        if (qos == MqttQoS.AT_MOST_ONCE) {
            write(publication, qos, 0);
            return;
        }
        if (!outbound.offer(publication, qos)) {
            metrics.dropped();
            LOG.debugf("client %s: queue full (%d), message on %s dropped", clientId, outbound.queuedCount(),
                    publication.topic());
            return;
        }
        drain();
    }

    private void drain() {
        OutboundWindow.Delivery delivery;
        while ((delivery = outbound.next()) != null) {
            if (delivery.publication().isExpired(System.nanoTime())) {
                // Expired while queued [MQTT-3.3.2-5]: its packet identifier is released at once.
                outbound.complete(delivery.packetId());
                metrics.dropped();
                continue;
            }
            write(delivery.publication(), delivery.qos(), delivery.packetId());
        }
    }

    private void onOutboundComplete(int packetId) {
        if (outbound.complete(packetId)) {
            drain();
        }
    }

    private void write(Publication publication, MqttQoS qos, int packetId) {
        if (!endpoint.isConnected()) {
            // Closed but the close handler has not run yet: the message goes with the connection.
            return;
        }
        MqttProperties properties = isMqtt5() ? publication.propertiesAt(System.nanoTime())
                : MqttProperties.NO_PROPERTIES;
        endpoint.publish(publication.topic(), publication.payload(), qos, false, publication.retain(), packetId,
                properties);
        metrics.sent(publication.payload().length());
    }

    // ---- DISCONNECT, close, will -------------------------------------------------------------------------

    private void onDisconnect(MqttDisconnectMessage message) {
        // A normal DISCONNECT discards the will [MQTT-3.14.4-3]; MQTT 5 reason 0x04 asks for it to be sent.
        willSuppressed = message.code() != MqttDisconnectReasonCode.WITH_WILL_MESSAGE;
    }

    private void onException(Throwable failure) {
        LOG.debugf("client %s: %s", clientId, failure.toString());
    }

    private void onClose() {
        closed = true;
        if (keepAlive != null) {
            keepAlive.stop();
        }
        if (!accepted) {
            return; // refused or gone before CONNACK: no session, no will [MQTT-3.1.4-5]
        }
        router.unsubscribeAll(this);
        registry.remove(this);
        metrics.disconnected();
        if (!willSuppressed) {
            publishWill();
        }
        LOG.debugf("client %s disconnected", clientId);
    }

    private void publishWill() {
        MqttWill will = endpoint.will();
        if (will == null || !will.isWillFlag() || Topics.nameError(will.getWillTopic()) != null) {
            return;
        }
        Buffer payload = will.getWillMessage() == null ? Buffer.buffer() : will.getWillMessage();
        router.publish(new Publication(will.getWillTopic(), payload, MqttQoS.valueOf(will.getWillQos()),
                will.isWillRetain(), ApplicationProperties.of(will.getWillProperties()), clientId));
    }

    /** Another connection took this client id [MQTT-3.1.4-2]. */
    void takenOver() {
        context.runOnContext(v -> disconnect(MqttDisconnectReasonCode.SESSION_TAKEN_OVER,
                "another connection took over this client identifier"));
    }

    /** The broker stops: normal close, wills of live clients are not sent. */
    void shutdown() {
        context.runOnContext(v -> {
            willSuppressed = true;
            disconnect(MqttDisconnectReasonCode.SERVER_SHUTTING_DOWN, "the broker is shutting down");
        });
    }

    private void protocolViolation(String reason, MqttDisconnectReasonCode code) {
        metrics.protocolError();
        LOG.debugf("client %s: closing connection: %s", clientId, reason);
        disconnect(code, reason);
    }

    private void disconnect(MqttDisconnectReasonCode code, String reason) {
        if (closed) {
            return;
        }
        if (!endpoint.isConnected()) {
            return;
        }
        if (isMqtt5()) {
            // Server-initiated DISCONNECT exists only in MQTT 5 (Vert.x closes after writing it);
            // 3.1.1 just closes the connection.
            endpoint.disconnect(code, reasons.onConnackOrDisconnect(reason));
        } else {
            endpoint.close();
        }
    }

    private boolean isMqtt5() {
        return endpoint.protocolVersion() == ConnectDecision.MQTT_5;
    }

    private int clientReceiveMaximum() {
        MqttProperties.MqttProperty<?> property = endpoint.connectProperties() == null ? null
                : endpoint.connectProperties().getProperty(MqttPropertyType.RECEIVE_MAXIMUM.value());
        return property == null ? OutboundWindow.MAX_PACKET_ID : (Integer) property.value();
    }

    private long clientMaximumPacketSize() {
        MqttProperties.MqttProperty<?> property = endpoint.connectProperties() == null ? null
                : endpoint.connectProperties().getProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value());
        return property == null ? Long.MAX_VALUE : Integer.toUnsignedLong((Integer) property.value());
    }

    private static MqttQoS grantedQos(MqttSubAckReasonCode code) {
        int value = code.value() & 0xFF;
        return value <= 2 ? MqttQoS.valueOf(value) : MqttQoS.FAILURE;
    }

    private static long estimatedPacketSize(Publication publication) {
        // Fixed header (5) + topic length prefix (2) + topic + packet id (2) + a bound on properties.
        return 9L + publication.topic().length() * 3L + publication.payload().length() + 1024;
    }
}
