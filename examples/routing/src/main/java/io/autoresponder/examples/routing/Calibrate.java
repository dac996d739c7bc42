package io.autoresponder.examples.routing;

/**
 * A calibration request for the sensor named by the topic ({@code sensors/<id>/calibrate}): the sensor is held
 * at a known temperature and reports what it measures there.
 *
 * @param referenceCelsius the known temperature
 * @param measuredCelsius  what the sensor measured at it
 */
public record Calibrate(double referenceCelsius, double measuredCelsius) {
}
