package io.autoresponder.bench.soak;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;

/** MQTT 5 clients of the soak (HiveMQ client), all to the same broker, with no automatic reconnect. */
record Clients(String host, int port) {

    /** How long a connect, subscribe or publish of the soak may take before it counts as an error. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    Mqtt5ClientBuilder builder(String clientId) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(host).serverPort(port);
    }

    Mqtt5AsyncClient connected(String clientId) {
        Mqtt5AsyncClient client = builder(clientId).buildAsync();
        client.connect().orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        return client;
    }
}
