package io.autoresponder.compat;

import java.net.SocketAddress;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessage;

/** One connection as its {@link PacketGate} acts on it: hand packets on, pause reading, answer, close. */
public final class GatedConnection {

    private final Channel channel;
    private final Consumer<MqttMessage> vertx;

    GatedConnection(Channel channel, Consumer<MqttMessage> vertx) {
        this.channel = channel;
        this.vertx = vertx;
    }

    /** Hands {@code packet} to Vert.x MQTT, which takes ownership of it. */
    public void deliver(MqttMessage packet) {
        vertx.accept(packet);
    }

    /** Stops or resumes reading from the socket (packets already decoded still arrive). */
    public void reading(boolean on) {
        channel.config().setAutoRead(on);
    }

    /** Writes {@code packet}, then closes the connection. */
    public void answerAndClose(MqttMessage packet) {
        channel.writeAndFlush(packet).addListener(ChannelFutureListener.CLOSE);
    }

    public void close() {
        channel.close();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }
}
