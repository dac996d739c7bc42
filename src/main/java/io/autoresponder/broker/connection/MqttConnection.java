package io.autoresponder.broker.connection;

import java.io.IOException;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttWill;
import io.vertx.mqtt.messages.MqttDisconnectMessage;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;

import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.BrokerMetrics;
import io.autoresponder.broker.ProtocolFault;
import io.autoresponder.broker.ProtocolFaults;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.broker.security.AccessGate;
import io.autoresponder.broker.security.Authenticator;
import io.autoresponder.broker.security.Authorizer;
import io.autoresponder.broker.session.ClientLink;
import io.autoresponder.broker.session.OutboundFlow;
import io.autoresponder.broker.session.OutboundTopicAliases;
import io.autoresponder.broker.session.OutboundWindow;
import io.autoresponder.broker.session.Session;
import io.autoresponder.broker.session.SessionExpiry;
import io.autoresponder.broker.session.SessionStore;
import io.autoresponder.compat.DisconnectReply;

/**
 * One network connection of a client: CONNECT (client id, authentication, limits, the session to use), the
 * will, keep-alive (Vert.x), DISCONNECT and close. What outlives the connection is in its {@link Session};
 * PUBLISH and SUBSCRIBE handling is in {@link InboundPublishes} and {@link SubscriptionRequests}, outbound
 * messages in the session's {@link OutboundFlow}. Connection state is touched on the connection's event loop.
 */
public final class MqttConnection {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class);

    private final MqttEndpoint endpoint;
    private final Context context;
    private final BrokerConfig config;
    private final Router router;
    private final ConnectionRegistry registry;
    private final SessionStore sessions;
    private final BrokerMetrics metrics;
    private final ProtocolFaults faults;
    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final ReasonStrings reasons;
    private final TopicLimits topicLimits;
    /** Read at CONNECT: Vert.x refuses to tell it once the endpoint is closed. */
    private final String remoteAddress;
    private AccessGate access;
    private TopicAliases topicAliases;
    private KeepAliveWatch keepAlive;
    private String clientId;
    private Session session;
    private ClientLink link;
    private boolean accepted;
    /** Read at acceptance, so that nothing in the close handler can fail on the client's bytes. */
    private Will will;
    private boolean willSuppressed;
    private volatile boolean closed;
    private volatile Instant connectedAt;
    /** Whether CONNECT asked for session expiry 0, which a DISCONNECT may not change [MQTT-3.14.2-2]. */
    private boolean endsWithConnection;
    /** Session expiry interval in force, seconds; a DISCONNECT may change it (MQTT 5.0 section 3.14.2.2.2). */
    private long sessionExpiry;

    public MqttConnection(MqttEndpoint endpoint, BrokerConfig config, Router router, ConnectionRegistry registry,
            SessionStore sessions, BrokerMetrics metrics, ProtocolFaults faults, Authenticator authenticator,
            Authorizer authorizer) {
        this.faults = faults;
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.endpoint = endpoint;
        this.context = Vertx.currentContext();
        this.config = config;
        this.router = router;
        this.registry = registry;
        this.sessions = sessions;
        this.metrics = metrics;
        this.reasons = ReasonStrings.of(endpoint.protocolVersion(), endpoint.connectProperties());
        this.topicLimits = TopicLimits.of(config);
        this.remoteAddress = String.valueOf(endpoint.remoteAddress());
    }

    String clientId() {
        return clientId;
    }

    /** This connection as an operator sees it; only for a registered (accepted) connection. */
    ConnectedClient describe() {
        return new ConnectedClient(clientId, remoteAddress, endpoint.protocolVersion(),
                endpoint.keepAliveTimeSeconds(), connectedAt);
    }

    /** Where the session writes while this connection has it. */
    public ClientLink link() {
        return link;
    }

    /** Handles the CONNECT this endpoint was created for. */
    public void start() {
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
            refuse(quotaExceeded(), "the broker has its maximum of " + registry.size() + " connections");
            return;
        }
        endpoint.closeHandler(v -> onClose());
        authenticator.authenticate(endpoint.auth()).onComplete(checked -> {
            if (closed) {
                return; // the client went away while its credentials were checked
            }
            Authenticator.Outcome outcome = checked.succeeded() ? checked.result() : Authenticator.Outcome.NOT_AUTHORIZED;
            if (outcome == Authenticator.Outcome.ACCEPTED) {
                access = new AccessGate(authorizer.permissionsFor(decision.clientId(),
                        endpoint.auth() == null ? null : endpoint.auth().getUsername()), metrics);
                // A will the client may not publish is refused at CONNECT, as Mosquitto does (0x87 / 0x05).
                outcome = access.willAllowed(endpoint.will()) ? outcome : Authenticator.Outcome.NOT_AUTHORIZED;
            }
            if (outcome == Authenticator.Outcome.ACCEPTED) {
                accept(decision, keepAlivePolicy);
            } else {
                refuse(refusalCode(outcome), switch (outcome) {
                    case BAD_CREDENTIALS -> "bad user name or password";
                    case BUSY -> "too many password checks at once (autoresponder.broker.auth.max-pending-checks); "
                            + "try again later";
                    default -> "not authorized";
                });
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
            faults.record(ProtocolFault.INVALID_TOPIC, remoteAddress, "will topic: " + error);
            endpoint.close();
        }
    }

    private void refuse(MqttConnectReturnCode code, String reason) {
        LOG.debugf("CONNECT from %s refused: %s (%s)", remoteAddress, code, reason);
        metrics.refused(code);
        endpoint.reject(code, reasons.onConnackOrDisconnect(reason));
    }

    private MqttConnectReturnCode quotaExceeded() {
        return isMqtt5() ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
                : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
    }

    private MqttConnectReturnCode refusalCode(Authenticator.Outcome outcome) {
        if (outcome == Authenticator.Outcome.BUSY) {
            return isMqtt5() ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
        }
        boolean badCredentials = outcome == Authenticator.Outcome.BAD_CREDENTIALS;
        if (isMqtt5()) {
            return badCredentials ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5;
        }
        return badCredentials ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD
                : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
    }

    private void accept(ConnectDecision decision, KeepAlivePolicy keepAlivePolicy) {
        try {
            // First, as it throws when Vert.x closed the endpoint while the credentials were checked (keep-alive
            // timeout): then nothing is opened or registered, and the close handler has nothing to undo.
            endpoint.exceptionHandler(this::onException);
        } catch (IllegalStateException endpointClosed) {
            LOG.debugf("CONNECT from %s: the connection closed during authentication", remoteAddress);
            return;
        }
        clientId = decision.clientId();
        will = Will.of(endpoint.will(), clientId);
        long requested = SessionExpiry.requested(endpoint.protocolVersion(), endpoint.isCleanSession(),
                endpoint.connectProperties());
        SessionStore.Opened opened = sessions.open(clientId, endpoint.isCleanSession(), this, context);
        if (opened == null) {
            LOG.debugf("CONNECT from %s refused: %d sessions (autoresponder.broker.max-sessions)",
                    remoteAddress, sessions.size());
            refuse(quotaExceeded(), "the broker keeps its maximum of " + sessions.size()
                    + " sessions (autoresponder.broker.max-sessions)");
            return;
        }
        session = opened.session();
        session.readAccess(access);
        endsWithConnection = requested == 0;
        sessionExpiry = SessionExpiry.granted(requested, config.maxSessionExpiry().toSeconds());
        link = new ClientLink(endpoint, isMqtt5(), clientReceiveMaximum(), clientMaximumPacketSize(),
                outboundTopicAliases());
        endpoint.setClientIdentifier(clientId);
        endpoint.publishAutoAck(false);
        endpoint.subscriptionAutoAck(false);

        InboundPublishes inbound = new InboundPublishes(endpoint, session, router, metrics, faults, isMqtt5(), access,
                reasons, config.receiveMaximum());
        SubscriptionRequests subscriptions = new SubscriptionRequests(endpoint, session, router, config, metrics, faults,
                isMqtt5(), access, reasons, topicLimits);
        topicAliases = new TopicAliases(config.topicAliasMaximum());
        keepAlive = KeepAliveWatch.start(context, sessions.clock(), keepAlivePolicy,
                () -> disconnect(MqttDisconnectReasonCode.KEEP_ALIVE_TIMEOUT, "no packet for 1.5 x the keep-alive"));
        endpoint.publishHandler(keepAlive.watching(message -> onPublish(message, inbound)));
        endpoint.publishReleaseHandler(keepAlive.watching(inbound::onRelease));
        endpoint.publishAcknowledgeHandler(keepAlive.watching(this::onOutboundComplete));
        endpoint.publishReceivedHandler(keepAlive.watching(this::onOutboundReceived));
        endpoint.publishCompletionHandler(keepAlive.watching(this::onOutboundComplete));
        endpoint.subscribeHandler(keepAlive.watching(subscriptions::onSubscribe));
        endpoint.unsubscribeHandler(keepAlive.watching(subscriptions::onUnsubscribe));
        endpoint.pingHandler(keepAlive.watching(ping -> { }));
        endpoint.disconnectMessageHandler(this::onDisconnect);

        connectedAt = Instant.now();
        accepted = true;
        registry.register(this);
        boolean present = opened.present();
        session.attach(this, context, sessionExpiry, () -> sendConnack(decision, keepAlivePolicy, present, requested));
    }

    /** CONNACK, sent once the session is on this connection's event loop and before anything it re-sends. */
    private void sendConnack(ConnectDecision decision, KeepAlivePolicy keepAlivePolicy, boolean sessionPresent,
            long requestedExpiry) {
        if (closed) {
            return; // the client left before the session got here (isConnected() is false until CONNACK)
        }
        if (isMqtt5()) {
            MqttProperties properties = keepAlivePolicy.addTo(decision.connackProperties(config));
            if (requestedExpiry != sessionExpiry) {
                // The server's value replaces the client's (MQTT 5.0 section 3.2.2.3.2).
                properties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(),
                        (int) sessionExpiry));
            }
            endpoint.accept(sessionPresent, properties);
        } else {
            endpoint.accept(sessionPresent);
        }
        metrics.accepted();
        LOG.debugf("client %s connected from %s (protocol level %d, keep-alive %ds, session present %b, expiry %ds)",
                clientId, remoteAddress, endpoint.protocolVersion(), endpoint.keepAliveTimeSeconds(),
                sessionPresent, sessionExpiry);
    }

    // ---- PUBLISH ----------------------------------------------------------------------------------------

    private void onPublish(MqttPublishMessage message, InboundPublishes inbound) {
        String topic = message.topicName();
        if (isMqtt5()) {
            TopicAliases.Resolution resolution = topicAliases.resolve(topic, message.properties());
            if (resolution.failed()) {
                protocolViolation(ProtocolFault.TOPIC_ALIAS, "PUBLISH " + resolution.reason(), resolution.error());
                return;
            }
            topic = resolution.topic();
        }
        String error = topicLimits.nameError(topic);
        if (error != null) {
            protocolViolation(ProtocolFault.INVALID_TOPIC, "PUBLISH topic name: " + error,
                    MqttDisconnectReasonCode.TOPIC_NAME_INVALID);
            return;
        }
        inbound.onPublish(message, topic);
    }

    /** PUBACK or PUBCOMP; acknowledgements of a connection that lost the session meanwhile are ignored. */
    private void onOutboundComplete(int packetId) {
        session.execute(() -> {
            if (session.outbound().isLinkedTo(link)) {
                session.outbound().completed(packetId);
            }
        });
    }

    /** PUBREC for a QoS 2 message sent to this client. */
    private void onOutboundReceived(int packetId) {
        session.execute(() -> {
            if (session.outbound().isLinkedTo(link)) {
                session.outbound().received(packetId);
            }
        });
    }

    // ---- DISCONNECT, close, will -------------------------------------------------------------------------

    private void onDisconnect(MqttDisconnectMessage message) {
        // A normal DISCONNECT discards the will [MQTT-3.14.4-3]; MQTT 5 reason 0x04 asks for it to be sent.
        willSuppressed = message.code() != MqttDisconnectReasonCode.WITH_WILL_MESSAGE;
        Long expiry = isMqtt5() ? SessionExpiry.interval(message.properties()) : null;
        if (expiry == null) {
            return;
        }
        if (endsWithConnection && expiry != 0) {
            // [MQTT-3.14.2-2]: a session that was to end with the connection cannot be kept at DISCONNECT. Not a
            // valid DISCONNECT, so the will is sent, and the server answers DISCONNECT 0x82 (section 3.14.2.2.2)
            // before Vert.x closes the connection after this handler.
            willSuppressed = false;
            String reason = "DISCONNECT sets a session expiry after CONNECT asked for 0 [MQTT-3.14.2-2]";
            faults.record(ProtocolFault.PROTOCOL_ERROR, clientId, reason);
            DisconnectReply.send(endpoint, MqttDisconnectReasonCode.PROTOCOL_ERROR, reasons.onConnackOrDisconnect(reason));
            return;
        }
        sessionExpiry = SessionExpiry.granted(expiry, config.maxSessionExpiry().toSeconds());
    }

    private void onException(Throwable failure) {
        LOG.debugf("client %s: %s", clientId, failure.toString());
        if (failure instanceof IOException) {
            return; // the network, not the client's bytes
        }
        // The decoder refused a packet and Vert.x closes the connection after this handler; MQTT 5.0 section
        // 4.13.1: the server SHOULD first send DISCONNECT with the reason code, as Mosquitto does.
        ProtocolFault fault = ProtocolFault.ofDecoderFailure(failure);
        protocolViolation(fault, "malformed packet: " + failure.getMessage(), fault == ProtocolFault.PACKET_TOO_LARGE
                ? MqttDisconnectReasonCode.PACKET_TOO_LARGE : MqttDisconnectReasonCode.MALFORMED_PACKET);
    }

    private void onClose() {
        closed = true;
        if (keepAlive != null) {
            keepAlive.stop();
        }
        if (!accepted) {
            return; // refused or gone before CONNACK: no session, no will [MQTT-3.1.4-5]
        }
        registry.remove(this);
        session.connectionLost(this, willSuppressed ? null : will, sessionExpiry);
        LOG.debugf("client %s disconnected", clientId);
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

    private void protocolViolation(ProtocolFault fault, String reason, MqttDisconnectReasonCode code) {
        faults.record(fault, clientId, reason);
        disconnect(code, reason);
    }

    private void disconnect(MqttDisconnectReasonCode code, String reason) {
        if (closed || !endpoint.isConnected()) {
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

    /** Aliases for the topics sent to this client: as many as it takes and the broker allows, none for MQTT 3.1.1. */
    private OutboundTopicAliases outboundTopicAliases() {
        MqttProperties.MqttProperty<?> property = !isMqtt5() || endpoint.connectProperties() == null ? null
                : endpoint.connectProperties().getProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value());
        // Absent means 0: the client takes no aliases (MQTT 5.0 section 3.1.2.11.5).
        int maximum = Math.min(property == null ? 0 : (Integer) property.value(), config.outboundTopicAliasMaximum());
        return maximum > 0 ? new OutboundTopicAliases(maximum) : null;
    }

    private long clientMaximumPacketSize() {
        MqttProperties.MqttProperty<?> property = endpoint.connectProperties() == null ? null
                : endpoint.connectProperties().getProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value());
        return property == null ? Long.MAX_VALUE : Integer.toUnsignedLong((Integer) property.value());
    }
}
