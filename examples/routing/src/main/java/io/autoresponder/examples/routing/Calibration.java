package io.autoresponder.examples.routing;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;
import io.smallrye.mutiny.Uni;

/**
 * Mocks a sensor's calibration. A real sensor needs {@link #SETTLE_TIME} at the reference temperature before it
 * can report its offset, so this mock answers that much later too: a client's timeouts meet the delay they will
 * meet in the field. The wait is a timer, not a sleeping thread, hence the {@link Uni}: other requests are
 * handled meanwhile, and the request stays unacknowledged until its late reply was accepted.
 */
@ApplicationScoped
public class Calibration {

    /** How long a sensor takes to settle before it can answer. */
    static final Duration SETTLE_TIME = Duration.ofMillis(200);

    @Incoming("calibrations")
    @Outgoing("calibrated")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // SmallRye's default for a Message parameter, written out
    public Uni<Message<Calibrated>> calibrate(Message<Calibrate> request) {
        MqttIncomingMetadata mqtt = request.getMetadata(MqttIncomingMetadata.class).orElseThrow();
        String sensor = mqtt.topic().split("/")[1];
        Calibrate measured = request.getPayload();

        // At the QoS the request came with: a requester that asked at QoS 0 has no use for a QoS 1 round trip.
        MqttOutgoingMetadata.Builder reply = MqttOutgoingMetadata.builder().qos(mqtt.qos())
                .contentType("application/json");
        if (mqtt.responseTopic().isEmpty()) {
            // An MQTT 5 requester gets the reply on its response topic (the responder does that); others here.
            reply.topic("sensors/" + sensor + "/calibrated");
        }
        Calibrated result = new Calibrated(sensor, measured.referenceCelsius() - measured.measuredCelsius());
        // withPayload carries the request's acknowledgement (and its correlation data) to the reply.
        return Uni.createFrom().item(request.withPayload(result).addMetadata(reply.build()))
                .onItem().delayIt().by(SETTLE_TIME);
    }
}
