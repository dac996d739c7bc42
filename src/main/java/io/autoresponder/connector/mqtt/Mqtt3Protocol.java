package io.autoresponder.connector.mqtt;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;

import io.autoresponder.api.MqttIncomingMetadata;

/**
 * MQTT 3.1.1 on the HiveMQ client. The protocol has no properties: requests carry no response topic or
 * correlation data, and replies go to the channel's topic (or one the handler chose). A persistent session is
 * {@code clean-start=false} (clean session 0); {@code session-expiry-interval} does not exist in 3.1.1, and
 * {@code receive-maximum} only limits the client, the broker's own in-flight limit applies.
 */
final class Mqtt3Protocol implements MqttProtocol {

    private final Mqtt3AsyncClient client;

    Mqtt3Protocol(MqttClientBuilder builder) {
        this.client = builder.useMqttVersion3().buildAsync();
    }

    @Override
    public void onPublish(Consumer<Received> consumer) {
        MqttProtocol.everyPublish(() -> client.toRx().publishes(MqttGlobalPublishFilter.ALL, true),
                publish -> new Received(metadata(publish), publish.getPayloadAsBytes(), publish::acknowledge), consumer);
    }

    @Override
    public CompletableFuture<?> connect(MqttClientSettings settings) {
        var connect = client.connectWith()
                .cleanSession(settings.cleanStart())
                .keepAlive(settings.keepAliveSeconds());
        if (settings.username().isPresent()) {
            connect = connect.simpleAuth().username(settings.username().get()).password(settings.passwordBytes())
                    .applySimpleAuth();
        }
        return connect.send();
    }

    @Override
    public CompletableFuture<Boolean> subscribe(String filter, int qos) {
        return client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send()
                .thenApply(suback -> suback.getReturnCodes().stream().noneMatch(code -> code.isError()));
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        return client.unsubscribeWith().topicFilter(filter).send();
    }

    @Override
    public CompletableFuture<Void> publish(Outgoing message) {
        return client.publish(Mqtt3Publish.builder().topic(message.topic()).qos(MqttQos.fromCode(message.qos()))
                .retain(message.retain()).payload(message.payload()).build()).thenApply(published -> null);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return client.disconnect();
    }

    private static MqttIncomingMetadata metadata(Mqtt3Publish publish) {
        return new MqttIncomingMetadata(publish.getTopic().toString(), publish.getQos().getCode(), publish.isRetain(),
                false, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }
}
