package io.autoresponder.responder;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;

/** Reads the MQTT topic of an incoming message from whichever connector delivered it. */
final class IncomingTopic {

    private IncomingTopic() {
    }

    static Optional<String> of(Message<?> message) {
        Optional<MqttIncomingMetadata> ours = message.getMetadata(MqttIncomingMetadata.class);
        if (ours.isPresent()) {
            return ours.map(MqttIncomingMetadata::topic);
        }
        return message.getMetadata(ReceivingMqttMessageMetadata.class).map(ReceivingMqttMessageMetadata::getTopic);
    }
}
