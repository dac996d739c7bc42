package io.autoresponder.responder;

import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;

import io.autoresponder.api.MqttIncomingMetadata;

/** Reads the MQTT topic of an incoming message from whichever connector delivered it. */
public final class IncomingTopic {

    private IncomingTopic() {
    }

    public static Optional<String> of(Message<?> message) {
        Optional<MqttIncomingMetadata> ours = message.getMetadata(MqttIncomingMetadata.class);
        if (ours.isPresent()) {
            return ours.map(MqttIncomingMetadata::topic);
        }
        return message.getMetadata(ReceivingMqttMessageMetadata.class).map(ReceivingMqttMessageMetadata::getTopic);
    }
}
