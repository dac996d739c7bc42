package io.autoresponder.ops;

import java.time.Duration;

import io.autoresponder.support.brokers.ExternalBroker;
import io.autoresponder.support.brokers.Mosquitto;

/**
 * {@link MqttConnectorServiceRestartIT} against Mosquitto with its default settings (Receive Maximum 20, 20 in
 * flight and 1,000 queued per client). The stream is slower, 250 requests a second, so that what arrives while the
 * service is down (about three seconds) fits Mosquitto's queue for the persistent session: beyond it Mosquitto
 * itself drops requests, whatever the responder does.
 */
class MqttConnectorServiceRestartOnDefaultMosquittoIT extends MqttConnectorServiceRestartIT {

    @Override
    ExternalBroker newBroker() {
        return Mosquitto.startWithDefaults();
    }

    @Override
    Duration tick() {
        return Duration.ofMillis(4);
    }
}
