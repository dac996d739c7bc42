package io.autoresponder.examples.routing;

/**
 * A temperature reading, as a sensor publishes it on {@code sensors/<id>/readings}. The sensor is not in the
 * payload: it is the topic's, so what a sensor may claim is what the broker lets it publish to.
 *
 * @param celsius the measured temperature
 */
public record Reading(double celsius) {
}
