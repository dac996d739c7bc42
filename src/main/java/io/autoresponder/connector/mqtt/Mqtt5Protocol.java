package io.autoresponder.connector.mqtt;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;

import io.autoresponder.api.MqttIncomingMetadata;

/** MQTT 5 on the HiveMQ client: properties (response topic, correlation data, ...) both ways. */
final class Mqtt5Protocol implements MqttProtocol {

    private final Mqtt5AsyncClient client;

    Mqtt5Protocol(MqttClientBuilder builder) {
        this.client = builder.useMqttVersion5().buildAsync();
    }

    @Override
    public void onPublish(Consumer<Received> consumer) {
        MqttProtocol.everyPublish(() -> client.toRx().publishes(MqttGlobalPublishFilter.ALL, true),
                publish -> new Received(metadata(publish), publish.getPayloadAsBytes(), publish::acknowledge), consumer);
    }

    @Override
    public CompletableFuture<?> connect(MqttClientSettings settings) {
        var connect = client.connectWith()
                .cleanStart(settings.cleanStart())
                .sessionExpiryInterval(settings.sessionExpirySeconds())
                .keepAlive(settings.keepAliveSeconds())
                .restrictions().receiveMaximum(settings.receiveMaximum()).applyRestrictions();
        if (settings.username().isPresent()) {
            connect = connect.simpleAuth().username(settings.username().get()).password(settings.passwordBytes())
                    .applySimpleAuth();
        }
        return connect.send();
    }

    @Override
    public CompletableFuture<Boolean> subscribe(String filter, int qos) {
        return client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send()
                .thenApply(suback -> suback.getReasonCodes().stream().noneMatch(code -> code.isError()));
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String filter) {
        return client.unsubscribeWith().topicFilter(filter).send().thenApply(unsuback -> null);
    }

    @Override
    public CompletableFuture<Void> publish(Outgoing message) {
        Mqtt5PublishBuilder.Complete builder = Mqtt5Publish.builder().topic(message.topic())
                .qos(MqttQos.fromCode(message.qos())).retain(message.retain()).payload(message.payload());
        message.correlationData().ifPresent(builder::correlationData);
        message.responseTopic().ifPresent(builder::responseTopic);
        message.contentType().ifPresent(builder::contentType);
        if (!message.userProperties().isEmpty()) {
            Mqtt5UserPropertiesBuilder users = Mqtt5UserProperties.builder();
            message.userProperties().forEach(entry -> users.add(entry.getKey(), entry.getValue()));
            builder.userProperties(users.build());
        }
        return client.publish(builder.build()).thenCompose(result -> result.getError()
                .<CompletableFuture<Void>>map(CompletableFuture::failedFuture)
                .orElseGet(() -> CompletableFuture.completedFuture(null)));
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        return client.disconnect();
    }

    private static MqttIncomingMetadata metadata(Mqtt5Publish publish) {
        List<Map.Entry<String, String>> userProperties = new ArrayList<>();
        publish.getUserProperties().asList()
                .forEach(p -> userProperties.add(Map.entry(p.getName().toString(), p.getValue().toString())));
        // The HiveMQ client does not expose the DUP flag; duplicates are recognised by DuplicateRequests instead.
        return new MqttIncomingMetadata(publish.getTopic().toString(), publish.getQos().getCode(), publish.isRetain(),
                false, publish.getResponseTopic().map(Object::toString),
                publish.getCorrelationData().map(Mqtt5Protocol::bytes),
                publish.getContentType().map(Object::toString), List.copyOf(userProperties), Optional.empty());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
