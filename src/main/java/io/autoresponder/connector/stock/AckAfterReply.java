package io.autoresponder.connector.stock;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;
import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;

import io.autoresponder.responder.ResponderConfig;
import io.autoresponder.responder.pipeline.AfterHandling;
import io.autoresponder.responder.pipeline.RequestPipeline;

/**
 * Acknowledges a request of the stock SmallRye MQTT connector to the broker (PUBACK) only once it was handled:
 * when its reply or dead letter was handed to the connection, or its handling failed. The connector itself
 * acknowledges on receipt, so a request held in memory when the process dies would be lost; unacknowledged, the
 * broker delivers it again to the persistent session. Active with {@code autoresponder.responder.ack=after-reply}
 * (the default), which also turns the client's automatic PUBACK off ({@link StockConnectorOptions}).
 * <p>
 * A failed request is acknowledged too: left unacknowledged on a live connection it would hold one of the
 * broker's in-flight slots for this client until the next reconnect.
 */
@ApplicationScoped
public class AckAfterReply implements PublisherDecorator {

    private static final Logger LOG = Logger.getLogger(AckAfterReply.class);

    private final boolean enabled;

    AckAfterReply(ResponderConfig config) {
        this.enabled = config.ack() == ResponderConfig.Acknowledgement.AFTER_REPLY;
    }

    @Override
    public int getPriority() {
        return RequestPipeline.ACKNOWLEDGEMENT.priority();
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelNames,
            boolean isConnector) {
        if (!enabled || !isConnector) {
            return publisher;
        }
        return publisher.map(AckAfterReply::pubackWhenDone);
    }

    private static Message<?> pubackWhenDone(Message<?> message) {
        return message.getMetadata(ReceivingMqttMessageMetadata.class)
                .<Message<?>>map(mqtt -> AfterHandling.then(message, () -> puback(mqtt)))
                .orElse(message);
    }

    // QoS 0 requests need no PUBACK (Vert.x ignores the call); a request whose connection is gone cannot be
    // acknowledged on the new one: the broker delivers it again.
    private static void puback(ReceivingMqttMessageMetadata mqtt) {
        try {
            mqtt.getMessage().ack();
        } catch (RuntimeException e) {
            LOG.debugf("PUBACK for message %d not sent: %s", mqtt.getMessageId(), e.toString());
        }
    }
}
