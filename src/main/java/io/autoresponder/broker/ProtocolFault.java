package io.autoresponder.broker;

import java.util.Locale;

/** What a client did wrong, as counted in {@code autoresponder_broker_protocol_errors_total{kind}}. */
public enum ProtocolFault {
    /** The decoder refused the bytes (MQTT 5.0 section 4.13.1, reason 0x81). */
    MALFORMED_PACKET,
    /** A packet beyond {@code max-message-size} (reason 0x95). */
    PACKET_TOO_LARGE,
    /** Something other than CONNECT as the first packet [MQTT-3.1.0-1]. */
    PACKET_BEFORE_CONNECT,
    /** A second CONNECT on one connection [MQTT-3.1.0-2]. */
    SECOND_CONNECT,
    /** A packet only a server sends (CONNACK, SUBACK, UNSUBACK, PINGRESP) or AUTH, which the broker does not offer. */
    UNEXPECTED_PACKET_TYPE,
    /** More packets after CONNECT and before CONNACK than the broker holds. */
    TOO_MANY_PACKETS_BEFORE_CONNACK,
    /** A topic name or will topic that breaks the topic rules (reason 0x90). */
    INVALID_TOPIC,
    /** A topic alias out of range or unknown (reason 0x94 or 0x82). */
    TOPIC_ALIAS,
    /** A payload that says it is UTF-8 and is not (reason 0x99). */
    PAYLOAD_FORMAT_INVALID,
    /** More unacknowledged QoS 1/2 messages than the broker's Receive Maximum (reason 0x93). */
    RECEIVE_MAXIMUM_EXCEEDED,
    /** Another rule of the protocol broken (reason 0x82). */
    PROTOCOL_ERROR,
    /** The TLS handshake failed (no MQTT spoken yet). */
    TLS_HANDSHAKE,
    /** The HTTP upgrade of an MQTT over WebSocket connection failed. */
    WEBSOCKET_HANDSHAKE;

    /** What the decoder's failure says of the packet: too large, or else malformed. */
    public static ProtocolFault ofDecoderFailure(Throwable failure) {
        return failure instanceof io.netty.handler.codec.TooLongFrameException ? PACKET_TOO_LARGE : MALFORMED_PACKET;
    }

    /** The metric tag: {@code malformed_packet}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
