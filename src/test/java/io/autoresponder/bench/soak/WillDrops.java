package io.autoresponder.bench.soak;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * Clients with a will that vanish without DISCONNECT, as a device losing power does: a raw MQTT 3.1.1 CONNECT
 * with a QoS 1 will, the CONNACK, then a reset of the socket (the HiveMQ client always says goodbye, hence raw
 * bytes). A watcher subscribed to the will topic counts the wills the broker publishes.
 */
final class WillDrops {

    private final Clients clients;
    private final String run;
    private final String willTopic;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong willsReceived = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private Mqtt5AsyncClient watcher;

    WillDrops(Clients clients, String run) {
        this.clients = clients;
        this.run = run;
        this.willTopic = "soak/" + run + "/will";
    }

    void connect() {
        watcher = clients.connected("soak-" + run + "-will-watcher");
        watcher.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> willsReceived.incrementAndGet()).send().join();
    }

    /** One client connects with a will and drops; blocking for at most a few seconds, so not on a lane's thread. */
    void tick() {
        long n = dropped.get();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(clients.host(), clients.port()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(connectWithWill("soak-" + run + "-will-" + n));
            byte[] connack = new byte[4];
            new DataInputStream(socket.getInputStream()).readFully(connack);
            if (connack[0] != 0x20 || connack[3] != 0) {
                throw new IOException("CONNACK return code " + connack[3]);
            }
            socket.setSoLinger(true, 0); // close with a reset: no DISCONNECT, no orderly shutdown
            dropped.incrementAndGet();
        } catch (IOException e) {
            errors.incrementAndGet();
        }
    }

    private byte[] connectWithWill(String clientId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        body.write(0x02 | 0x04 | 0x08); // clean session, will flag, will QoS 1
        body.write(0);
        body.write(30); // keep-alive 30 s
        writeString(body, clientId);
        writeString(body, willTopic);
        writeString(body, "gone");
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.size()); // below 128 bytes: one length byte
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    long dropped() {
        return dropped.get();
    }

    long willsReceived() {
        return willsReceived.get();
    }

    long errors() {
        return errors.get();
    }

    void disconnect() {
        if (watcher.getState().isConnected()) {
            watcher.disconnect().join();
        }
    }
}
