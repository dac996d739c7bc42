package io.autoresponder.examples.routing;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;
import io.smallrye.common.annotation.NonBlocking;

/**
 * Turns readings into alerts for whoever watches {@code alerts/#}. A critical reading has to reach the on-call
 * pager even if it is reconnecting, so it goes to {@code alerts/high} at QoS 1 with a {@code page} user property
 * the pager can filter on without parsing JSON; a warm one is only worth a glance on a dashboard, so
 * {@code alerts/low} at QoS 0 is enough; a normal reading is no news and raises no alert at all. Every alert
 * names its sensor and site as user properties too, so a subscriber can route it further unparsed.
 */
@ApplicationScoped
public class ReadingRouter {

    /** From this temperature on, a reading raises an alert on {@code alerts/low}. */
    static final double WARNING_CELSIUS = 60;
    /** From this temperature on, on {@code alerts/high}. */
    static final double CRITICAL_CELSIUS = 80;

    @Incoming("readings")
    @Outgoing("alerts")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL) // SmallRye's default for a Message parameter, written out
    @NonBlocking
    public Message<Alert> route(Message<Reading> reading) {
        double celsius = reading.getPayload().celsius();
        if (celsius < WARNING_CELSIUS) {
            // Why the explicit ack: with MANUAL acknowledgement, returning null only drops the reply (SmallRye 4.x
            // ProcessorMediator.handlePostInvocationWithMessage gives a null item that handleSkip turns into
            // nothing) and acknowledges nothing. Without this line the broker would never send the sensor its
            // PUBACK, and a QoS 1 sensor would stop publishing once its in-flight window is full of normal readings.
            reading.ack();
            return null;
        }
        MqttIncomingMetadata mqtt = reading.getMetadata(MqttIncomingMetadata.class).orElseThrow();
        String sensor = mqtt.topic().split("/")[1];
        Optional<String> site = userProperty(mqtt, "site");
        boolean critical = celsius >= CRITICAL_CELSIUS;

        MqttOutgoingMetadata.Builder alert = MqttOutgoingMetadata.builder().userProperty("sensor", sensor);
        site.ifPresent(value -> alert.userProperty("site", value));
        if (critical) {
            alert.topic("alerts/high").qos(1).userProperty("page", "on-call");
        } else {
            alert.topic("alerts/low").qos(0);
        }
        // withPayload keeps the reading's acknowledgement: the sensor gets its PUBACK once the alert was accepted.
        return reading.withPayload(new Alert(sensor, site.orElse(null), celsius,
                critical ? CRITICAL_CELSIUS : WARNING_CELSIUS)).addMetadata(alert.build());
    }

    private static Optional<String> userProperty(MqttIncomingMetadata mqtt, String name) {
        return mqtt.userProperties().stream().filter(property -> property.getKey().equals(name))
                .map(Map.Entry::getValue).findFirst();
    }
}
