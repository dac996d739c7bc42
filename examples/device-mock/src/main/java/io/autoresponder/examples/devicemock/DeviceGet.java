package io.autoresponder.examples.devicemock;

/**
 * A request for a device's state; {@code set}, when present, changes the state first.
 *
 * @param set new value of the device's {@code power} setting ("on"/"off"), or null to only read it
 */
public record DeviceGet(String set) {
}
