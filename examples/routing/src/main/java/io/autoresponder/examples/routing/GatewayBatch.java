package io.autoresponder.examples.routing;

import java.util.List;
import java.util.Objects;

/**
 * Readings a gateway collected from sensors without a connection of their own, sent as one message on
 * {@code gateways/<id>/batch}.
 *
 * @param readings the readings, in the order the gateway took them; missing means none
 */
public record GatewayBatch(List<Entry> readings) {

    public GatewayBatch {
        readings = readings == null ? List.of() : List.copyOf(readings);
    }

    /**
     * One sensor's reading in a batch. A reading that names no sensor cannot be split off: the batch is rejected
     * as a bad payload (dead-lettered with the reason) instead of reaching the handler.
     *
     * @param sensor  the sensor id, one topic level
     * @param celsius the measured temperature
     */
    public record Entry(String sensor, double celsius) {

        public Entry {
            Objects.requireNonNull(sensor, "every reading in a batch must name its sensor");
        }
    }
}
