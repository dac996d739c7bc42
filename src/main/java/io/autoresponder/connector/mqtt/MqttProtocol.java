package io.autoresponder.connector.mqtt;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.reactivex.Flowable;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;

/**
 * The part of a {@link SharedMqttClient} that depends on the MQTT version: MQTT 5 ({@link Mqtt5Protocol}) or
 * MQTT 3.1.1 ({@link Mqtt3Protocol}), both on the HiveMQ client. Messages cross it in version-neutral form.
 */
interface MqttProtocol {

    /**
     * Takes every received PUBLISH, with manual acknowledgement, in every session; called once, before
     * {@link #connect}.
     * <p>
     * The HiveMQ client ends its global publish flows with an error whenever a session ends (a connection with
     * session expiry 0 closed, or a CONNACK without Session Present: {@code MqttSession.end}); its callback form
     * swallows that error, and the client then acknowledges every later request itself and drops it ("No publish
     * flow registered"). So an implementation registers again when its flow ends. That happens before the next
     * session has a subscription (ours follow its CONNACK), so no request falls between the two flows.
     */
    void onPublish(Consumer<Received> consumer);

    /**
     * Hands every element of {@code publishes} to {@code consumer} as {@link #onPublish} describes: subscribes to a
     * fresh flow again each time one ends with the end of a session.
     *
     * @param publishes a new global publish flow of the client, with manual acknowledgement
     * @param received  what a received PUBLISH becomes
     */
    static <P> void everyPublish(Supplier<Flowable<P>> publishes, Function<P, Received> received,
            Consumer<Received> consumer) {
        publishes.get().subscribe(publish -> consumer.accept(received.apply(publish)),
                sessionEnded -> everyPublish(publishes, received, consumer));
    }

    /** Sends CONNECT; the returned future completes with CONNACK or the first attempt's failure. */
    CompletableFuture<?> connect(MqttClientSettings settings);

    /** Subscribes; completes with whether the broker granted it. */
    CompletableFuture<Boolean> subscribe(String filter, int qos);

    /** Unsubscribes; completes with the UNSUBACK. */
    CompletableFuture<Void> unsubscribe(String filter);

    /** Publishes; completes when the broker accepted it, exceptionally when it refused it or it was not sent. */
    CompletableFuture<Void> publish(Outgoing message);

    CompletableFuture<Void> disconnect();

    /**
     * A received request.
     *
     * @param metadata    what handlers see of it
     * @param payload     its payload
     * @param acknowledge sends its PUBACK/PUBREC (QoS 1/2); call at most once
     */
    record Received(MqttIncomingMetadata metadata, byte[] payload, Runnable acknowledge) {
    }

    /**
     * A message to publish. MQTT 3.1.1 has no properties: correlation data, content type and user properties
     * are not sent there.
     */
    record Outgoing(String topic, int qos, boolean retain, byte[] payload, Optional<byte[]> correlationData,
            Optional<String> responseTopic, Optional<String> contentType, List<Map.Entry<String, String>> userProperties) {

        static Outgoing of(String topic, int qos, boolean retain, byte[] payload, Optional<byte[]> correlationData,
                MqttOutgoingMetadata metadata) {
            return metadata == null
                    ? new Outgoing(topic, qos, retain, payload, correlationData, Optional.empty(), Optional.empty(), List.of())
                    : new Outgoing(topic, qos, retain, payload, correlationData, metadata.responseTopic(),
                            metadata.contentType(), metadata.userProperties());
        }
    }
}
