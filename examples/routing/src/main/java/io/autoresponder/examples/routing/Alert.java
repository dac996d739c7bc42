package io.autoresponder.examples.routing;

/**
 * What {@code alerts/high} and {@code alerts/low} carry: enough to act on without looking anything up.
 *
 * @param sensor       the sensor, from the reading's topic
 * @param site         the reading's {@code site} user property, or null when it had none
 * @param celsius      the reading
 * @param limitCelsius the limit it crossed
 */
public record Alert(String sensor, String site, double celsius, double limitCelsius) {
}
