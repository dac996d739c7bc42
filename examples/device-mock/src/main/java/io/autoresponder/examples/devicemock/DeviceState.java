package io.autoresponder.examples.devicemock;

/**
 * What a mocked device answers.
 *
 * @param device   the device id, from the request's topic
 * @param power    its power setting
 * @param requests how many requests this device has answered, this one included
 */
public record DeviceState(String device, String power, long requests) {
}
