package io.autoresponder.compat;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.vertx.mqtt.MqttEndpoint;

/**
 * What one connection's decoded packets pass before Vert.x MQTT sees them (see {@link GatedMqttServer}). Every
 * method runs on the connection's event loop. A gate that drops a packet releases it.
 */
public interface PacketGate {

    /** Opens the gate of a new connection. */
    @FunctionalInterface
    interface Factory {
        PacketGate open(GatedConnection connection);
    }

    /** A decoded packet, or a decoder failure ({@code packet.decoderResult()}); hand it on with {@link GatedConnection#deliver}. */
    void onPacket(MqttMessage packet);

    /** The endpoint Vert.x made of the CONNECT, before the server's endpoint handler gets it. */
    void onEndpoint(MqttEndpoint endpoint);

    /** A CONNACK went out: {@code accepted} or a refusal (after which Vert.x closes the connection). */
    void onConnack(boolean accepted);

    /** The socket failed before CONNECT (afterwards the endpoint's exception handler gets such failures). */
    void onSocketFailure(Throwable failure);

    /** The connection is closed; called once. */
    void onClosed();
}
