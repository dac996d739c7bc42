package io.autoresponder.bench;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/** One benchmark connection, MQTT 3.1.1 or 5 (HiveMQ client), reduced to what the benchmark needs. */
interface BenchClient {

    void subscribe(String topic, int qos, Consumer<byte[]> onMessage);

    CompletableFuture<?> publish(String topic, int qos, byte[] payload);

    void disconnect();

    /** Why the connection dropped during the run, or null. */
    Throwable lostConnection();

    static BenchClient connect(BenchmarkOptions options, String clientId) {
        return options.mqttVersion() == 5 ? new V5(options, clientId) : new V3(options, clientId);
    }

    /** Remembers the first unexpected disconnect (ours, at the end, is not one). */
    final class DisconnectWatch implements com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener {
        private volatile Throwable cause;
        private volatile boolean closing;

        @Override
        public void onDisconnected(com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext context) {
            if (!closing && cause == null) {
                cause = context.getCause();
            }
        }
    }

    /** MQTT 5. */
    final class V5 implements BenchClient {
        private final Mqtt5AsyncClient client;
        private final DisconnectWatch watch = new DisconnectWatch();

        V5(BenchmarkOptions options, String clientId) {
            client = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(options.host())
                    .serverPort(options.port()).addDisconnectedListener(watch).buildAsync();
            client.connect().join();
        }

        @Override
        public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) {
            client.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos))
                    .callback(publish -> onMessage.accept(publish.getPayloadAsBytes())).send().join();
        }

        @Override
        public CompletableFuture<?> publish(String topic, int qos, byte[] payload) {
            return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send();
        }

        @Override
        public void disconnect() {
            watch.closing = true;
            if (client.getState().isConnected()) {
                client.disconnect().join();
            }
        }

        @Override
        public Throwable lostConnection() {
            return watch.cause;
        }
    }

    /** MQTT 3.1.1. */
    final class V3 implements BenchClient {
        private final Mqtt3AsyncClient client;
        private final DisconnectWatch watch = new DisconnectWatch();

        V3(BenchmarkOptions options, String clientId) {
            client = MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost(options.host())
                    .serverPort(options.port()).addDisconnectedListener(watch).buildAsync();
            client.connect().join();
        }

        @Override
        public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) {
            client.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos))
                    .callback(publish -> onMessage.accept(publish.getPayloadAsBytes())).send().join();
        }

        @Override
        public CompletableFuture<?> publish(String topic, int qos, byte[] payload) {
            return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send();
        }

        @Override
        public void disconnect() {
            watch.closing = true;
            if (client.getState().isConnected()) {
                client.disconnect().join();
            }
        }

        @Override
        public Throwable lostConnection() {
            return watch.cause;
        }
    }
}
