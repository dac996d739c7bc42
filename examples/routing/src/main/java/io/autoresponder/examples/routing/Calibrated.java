package io.autoresponder.examples.routing;

/**
 * The answer to a {@link Calibrate}: the correction the sensor applies to its readings from now on.
 *
 * @param sensor        the sensor, from the request's topic
 * @param offsetCelsius what to add to a raw reading
 */
public record Calibrated(String sensor, double offsetCelsius) {
}
