package io.autoresponder.broker.listener;

import java.io.IOException;
import java.util.ArrayDeque;

import javax.net.ssl.SSLException;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.util.ReferenceCountUtil;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;

import io.autoresponder.broker.BrokerMetrics;
import io.autoresponder.broker.ProtocolFault;
import io.autoresponder.broker.ProtocolFaults;
import io.autoresponder.compat.GatedConnection;
import io.autoresponder.compat.PacketGate;

/**
 * The order of packets on one connection, enforced before the protocol handling sees them: CONNECT first and
 * once, nothing handled before the CONNACK, nothing after the connection was closed. Packets sent after CONNECT
 * and before CONNACK are held (MQTT 3.1.1 section 3.1.4 allows them) and handed on once the CONNECT is accepted,
 * or dropped unread if it is refused [MQTT-3.1.4-5]. Each fault is counted by {@link ProtocolFaults}.
 */
final class ConnectionGate implements PacketGate {

    /** Packets held between CONNECT and CONNACK; reading stops while any are held, so few arrive. */
    static final int MAX_EARLY_PACKETS = 256;

    private static final Logger LOG = Logger.getLogger(ConnectionGate.class);

    private enum State { AWAITING_CONNECT, AWAITING_CONNACK, OPEN, CLOSED }

    private final GatedConnection connection;
    private final ProtocolFaults faults;
    private final BrokerMetrics metrics;
    private final ArrayDeque<MqttMessage> early = new ArrayDeque<>();
    private State state = State.AWAITING_CONNECT;
    private MqttEndpoint endpoint;

    ConnectionGate(GatedConnection connection, ProtocolFaults faults, BrokerMetrics metrics) {
        this.connection = connection;
        this.faults = faults;
        this.metrics = metrics;
    }

    @Override
    public void onPacket(MqttMessage packet) {
        switch (state) {
            case AWAITING_CONNECT -> first(packet);
            case AWAITING_CONNACK -> hold(packet);
            case OPEN -> pass(packet);
            case CLOSED -> ReferenceCountUtil.release(packet);
        }
    }

    private void first(MqttMessage packet) {
        Throwable failure = packet.decoderResult().cause();
        String willFlagsError = failure == null && packet instanceof MqttConnectMessage connect
                ? willFlagsError(connect) : null;
        if (failure instanceof MqttUnacceptableProtocolVersionException) {
            // Vert.x answers CONNACK 0x01 (0x84 in MQTT 5) and closes [MQTT-3.1.2-2]: a refusal, not a fault.
            state = State.CLOSED;
            metrics.refused(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
            LOG.debugf("CONNECT from %s refused: %s", connection.remoteAddress(), failure.getMessage());
            connection.deliver(packet);
        } else if (failure != null) {
            refuse(packet, ProtocolFault.ofDecoderFailure(failure), "malformed CONNECT: " + failure.getMessage());
        } else if (type(packet) != MqttMessageType.CONNECT) {
            refuse(packet, ProtocolFault.PACKET_BEFORE_CONNECT, type(packet) + " before CONNECT [MQTT-3.1.0-1]");
        } else if (willFlagsError != null) {
            refuse(packet, ProtocolFault.MALFORMED_PACKET, willFlagsError);
        } else {
            state = State.AWAITING_CONNACK;
            connection.deliver(withAssignableIdentifier((MqttConnectMessage) packet));
        }
    }

    /**
     * An MQTT 5 CONNECT with an empty client id and Clean Start 0, which Vert.x MQTT would refuse (0x85) before the
     * broker sees it, as Clean Start 1: the broker assigns an identifier [MQTT-3.1.3-6] [MQTT-3.1.3-7], and no
     * session can exist for an identifier not yet assigned, so Clean Start changes nothing else (the session
     * expiry is a property of its own in MQTT 5).
     */
    private static MqttConnectMessage withAssignableIdentifier(MqttConnectMessage connect) {
        MqttConnectVariableHeader flags = connect.variableHeader();
        String clientId = connect.payload().clientIdentifier();
        if (flags.version() != 5 || flags.isCleanSession() || (clientId != null && !clientId.isEmpty())) {
            return connect;
        }
        return new MqttConnectMessage(connect.fixedHeader(), new MqttConnectVariableHeader(flags.name(),
                flags.version(), flags.hasUserName(), flags.hasPassword(), flags.isWillRetain(), flags.willQos(),
                flags.isWillFlag(), true, flags.keepAliveTimeSeconds(), flags.properties()), connect.payload());
    }

    private void hold(MqttMessage packet) {
        if (early.size() >= MAX_EARLY_PACKETS) {
            refuse(packet, ProtocolFault.TOO_MANY_PACKETS_BEFORE_CONNACK,
                    "more than " + MAX_EARLY_PACKETS + " packets before CONNACK");
            return;
        }
        if (early.isEmpty()) {
            connection.reading(false);
        }
        early.add(packet);
    }

    @Override
    public void onConnack(boolean accepted) {
        if (state != State.AWAITING_CONNACK) {
            return;
        }
        if (!accepted) {
            close();
            return;
        }
        state = State.OPEN;
        while (state == State.OPEN && !early.isEmpty()) {
            pass(early.poll());
        }
        if (state == State.OPEN) {
            connection.reading(true);
        }
    }

    private void pass(MqttMessage packet) {
        if (!endpoint.isConnected()) {
            close(); // the broker closed the connection: what the client sent after that is not read
            ReferenceCountUtil.release(packet);
            return;
        }
        Throwable failure = packet.decoderResult().cause();
        MqttMessageType type = type(packet);
        if (type == MqttMessageType.CONNECT || failure instanceof MqttUnacceptableProtocolVersionException) {
            // Never handed on: Vert.x would make a second endpoint of it, and the first would never hear the close.
            disconnect(packet, ProtocolFault.SECOND_CONNECT, "second CONNECT [MQTT-3.1.0-2]",
                    MqttDisconnectReasonCode.PROTOCOL_ERROR);
        } else if (failure == null && !fromClient(type)) {
            disconnect(packet, ProtocolFault.UNEXPECTED_PACKET_TYPE, type + " from a client",
                    MqttDisconnectReasonCode.PROTOCOL_ERROR);
        } else if (failure == null && !ReasonCodes.known(packet)) {
            // Vert.x would throw reading it; a reason code the packet cannot carry makes it malformed (MQTT 5.0
            // section 2.4).
            disconnect(packet, ProtocolFault.MALFORMED_PACKET, type + " with a reason code it cannot carry",
                    MqttDisconnectReasonCode.MALFORMED_PACKET);
        } else {
            // A decoder failure reaches the endpoint's exception handler, which answers with the reason code.
            connection.deliver(packet);
        }
    }

    @Override
    public void onEndpoint(MqttEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onSocketFailure(Throwable failure) {
        // Vert.x closes the connection after this handler.
        if (causedBy(failure, SSLException.class)) {
            faults.record(ProtocolFault.TLS_HANDSHAKE, connection.remoteAddress(), failure.toString());
        } else if (causedBy(failure, WebSocketHandshakeException.class)) {
            faults.record(ProtocolFault.WEBSOCKET_HANDSHAKE, connection.remoteAddress(), failure.toString());
        } else if (causedBy(failure, IOException.class)) {
            LOG.debugf("connection from %s: %s", connection.remoteAddress(), failure);
        } else {
            faults.record(ProtocolFault.MALFORMED_PACKET, connection.remoteAddress(), failure.toString());
        }
    }

    @Override
    public void onClosed() {
        state = State.CLOSED;
        early.forEach(ReferenceCountUtil::release);
        early.clear();
    }

    private void refuse(MqttMessage packet, ProtocolFault fault, String detail) {
        faults.record(fault, connection.remoteAddress(), detail);
        ReferenceCountUtil.release(packet);
        close();
    }

    /** Ends an accepted connection: MQTT 5 with a DISCONNECT saying why (MQTT 5.0 section 4.13.1), 3.1.1 without. */
    private void disconnect(MqttMessage packet, ProtocolFault fault, String detail, MqttDisconnectReasonCode code) {
        faults.record(fault, endpoint.clientIdentifier(), detail);
        ReferenceCountUtil.release(packet);
        state = State.CLOSED;
        if (endpoint.protocolVersion() == 5) {
            endpoint.disconnect(code, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.close();
        }
    }

    private void close() {
        onClosed();
        connection.close();
    }

    /** The will flags of a CONNECT that the decoder lets through and the spec calls malformed, or null. */
    private static String willFlagsError(MqttConnectMessage connect) {
        MqttConnectVariableHeader flags = connect.variableHeader();
        if (flags.isWillFlag() && flags.willQos() > 2) {
            return "will QoS 3 [MQTT-3.1.2-14]";
        }
        if (!flags.isWillFlag() && (flags.willQos() != 0 || flags.isWillRetain())) {
            return "will QoS or will retain without a will [MQTT-3.1.2-13] [MQTT-3.1.2-15]";
        }
        return null;
    }

    private static MqttMessageType type(MqttMessage packet) {
        return packet.fixedHeader() == null ? null : packet.fixedHeader().messageType();
    }

    private static boolean fromClient(MqttMessageType type) {
        return switch (type) {
            case PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT -> true;
            default -> false;
        };
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
