package io.autoresponder.support;

import java.util.UUID;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import io.autoresponder.support.tls.TlsCertificates;

/** Independent MQTT clients (HiveMQ) connected to the broker under test over TCP (or TLS) on 127.0.0.1. */
public final class Mqtt {

    private Mqtt() {
    }

    /** A connected MQTT 5 client with a fresh client id and clean start. */
    public static Mqtt5BlockingClient v5(int port) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5()
                .identifier("test-" + UUID.randomUUID()).serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connect();
        return client;
    }

    /** A connected MQTT 5 client over TLS with {@code tls} (see {@link TlsCertificates#clientSslConfig}). */
    public static Mqtt5BlockingClient v5(int port, MqttClientSslConfig tls) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("test-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).sslConfig(tls).buildBlocking();
        client.connect();
        return client;
    }

    /** A connected MQTT 3.1.1 client with a fresh client id and clean session. */
    public static Mqtt3BlockingClient v3(int port) {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3()
                .identifier("test-" + UUID.randomUUID()).serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connect();
        return client;
    }
}
