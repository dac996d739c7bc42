package io.autoresponder.examples.routing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.Messages;

/**
 * Splits a gateway's batch onto each sensor's own {@code sensors/<id>/readings} topic, so that a sensor behind a
 * gateway looks like any other: dashboards subscribed to its topic see its readings, and {@link ReadingRouter}
 * raises its alerts. Each reading carries the gateway as a user property, for whoever needs to tell the two
 * apart.
 * <p>
 * The gateway's PUBACK speaks for the whole batch: it comes once every reading was accepted (and, on the
 * embedded broker, handled by {@link ReadingRouter}), and it is an error (0x83) if any reading was refused,
 * such as one whose sensor id is no valid topic level ({@code a+b}); the responder then dead-letters the batch
 * with the reason. A gateway that sends a refused batch again delivers the readings already split a second time:
 * at least once, as QoS 1 promises.
 */
@ApplicationScoped
public class GatewayBatches {

    @Incoming("batches")
    @Outgoing("split-readings")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // SmallRye's default for a Message parameter, written out
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public Multi<Message<Reading>> split(Message<GatewayBatch> batch) {
        String gateway = batch.getMetadata(MqttIncomingMetadata.class).orElseThrow().topic().split("/")[1];
        Message<?>[] readings = batch.getPayload().readings().stream()
                .map(entry -> Message.of(new Reading(entry.celsius()), Metadata.of(MqttOutgoingMetadata.builder()
                        .topic("sensors/" + entry.sensor() + "/readings").userProperty("gateway", gateway).build())))
                .toArray(Message[]::new);
        if (readings.length == 0) {
            // No reply would ever acknowledge an empty batch (chain needs at least one): done now.
            batch.ack();
            return Multi.createFrom().empty();
        }
        // Why Messages.chain: with several replies to one request, the request must be acknowledged after the
        // last of them was accepted, not the first. chain(batch).with(...) knows all the replies before any is
        // sent: it acknowledges the batch once every one of them was acknowledged, and nacks it at the first
        // refusal (and copies the batch's metadata to each, so handling time is measured per reading).
        // Not a payload Multi<Reading> split(GatewayBatch): SmallRye 4.x acknowledges that shape before the method
        // runs (PRE_PROCESSING by default), and with @Acknowledgment(POST_PROCESSING) its AcknowledgementCoordinator
        // tracks each reply only when it is emitted, so a first reply accepted before the second is emitted (the
        // embedded broker accepts synchronously) acknowledges the batch alone.
        return Multi.createFrom().iterable(Messages.chain(batch).with(readings))
                .map(reading -> (Message<Reading>) reading);
    }
}
