package io.autoresponder.responder;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Where a reply goes and which correlation data it carries, the same for every connector (MQTT 5.0 section
 * 4.10, request/response): a topic the handler chose ({@link MqttOutgoingMetadata#topic()}) wins; otherwise the
 * request's response topic, with the request's correlation data, so a requester gets its answer on the topic it
 * named; otherwise the outgoing channel's topic. Correlation data the handler set always wins.
 * <p>
 * The request's metadata reaches the reply because Reactive Messaging carries an incoming message's metadata
 * over to the message a processor method returns.
 *
 * @param topic           topic to publish the reply to
 * @param correlationData correlation data to send with it
 */
public record ReplyAddress(String topic, Optional<byte[]> correlationData) {

    /** The address of {@code reply} on an outgoing channel whose configured topic is {@code channelTopic}. */
    public static ReplyAddress of(Message<?> reply, String channelTopic) {
        Optional<MqttOutgoingMetadata> chosen = reply.getMetadata(MqttOutgoingMetadata.class);
        Optional<byte[]> chosenCorrelation = chosen.flatMap(MqttOutgoingMetadata::correlationData);
        Optional<String> chosenTopic = chosen.flatMap(MqttOutgoingMetadata::topic);
        if (chosenTopic.isPresent()) {
            return new ReplyAddress(chosenTopic.get(), chosenCorrelation);
        }
        Optional<MqttIncomingMetadata> request = reply.getMetadata(MqttIncomingMetadata.class)
                .filter(incoming -> incoming.responseTopic().isPresent());
        if (request.isPresent()) {
            return new ReplyAddress(request.get().responseTopic().get(),
                    chosenCorrelation.or(() -> request.get().correlationData()));
        }
        return new ReplyAddress(channelTopic, chosenCorrelation);
    }
}
