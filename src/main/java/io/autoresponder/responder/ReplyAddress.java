package io.autoresponder.responder;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;

/**
 * Where a reply goes and which correlation it carries, the same for every connector. In order:
 * <ol>
 * <li>a topic the handler chose ({@link MqttOutgoingMetadata#topic()});</li>
 * <li>the request's MQTT 5 response topic, with the request's correlation data (MQTT 5.0 section 4.10), so a
 * requester gets its answer on the topic it named;</li>
 * <li>the request's JSON {@code replyTo} ({@link JsonReplyTo}), with its {@code correlationId} to be copied into
 * the reply object, for requesters without MQTT 5 request/response;</li>
 * <li>the outgoing channel's topic.</li>
 * </ol>
 * Correlation data the handler set always wins.
 * <p>
 * The request's metadata reaches the reply because Reactive Messaging carries an incoming message's metadata
 * over to the message a processor method returns.
 *
 * @param topic           topic to publish the reply to
 * @param correlationData MQTT 5 correlation data to send with it
 * @param correlationId   value to set as {@code correlationId} in the reply JSON object (replyTo convention)
 */
public record ReplyAddress(String topic, Optional<byte[]> correlationData, Optional<JsonNode> correlationId) {

    /**
     * The address of {@code reply} on an outgoing channel whose configured topic is {@code channelTopic}, given
     * the handler's choices for it ({@code chosen}, the reply's {@link MqttOutgoingMetadata}).
     */
    public static ReplyAddress of(Message<?> reply, Optional<MqttOutgoingMetadata> chosen, String channelTopic) {
        Optional<byte[]> chosenCorrelation = chosen.flatMap(MqttOutgoingMetadata::correlationData);
        Optional<String> chosenTopic = chosen.flatMap(MqttOutgoingMetadata::topic);
        if (chosenTopic.isPresent()) {
            return new ReplyAddress(chosenTopic.get(), chosenCorrelation, Optional.empty());
        }
        Optional<MqttIncomingMetadata> request = reply.getMetadata(MqttIncomingMetadata.class)
                .filter(incoming -> incoming.responseTopic().isPresent());
        if (request.isPresent()) {
            return new ReplyAddress(request.get().responseTopic().get(),
                    chosenCorrelation.or(() -> request.get().correlationData()), Optional.empty());
        }
        Optional<JsonReplyTo> replyTo = reply.getMetadata(JsonReplyTo.class);
        if (replyTo.isPresent()) {
            return new ReplyAddress(replyTo.get().topic(), chosenCorrelation, replyTo.get().correlationId());
        }
        return new ReplyAddress(channelTopic, chosenCorrelation, Optional.empty());
    }
}
