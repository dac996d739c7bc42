package io.autoresponder.ops;

import java.time.Duration;

import io.autoresponder.support.brokers.ExternalBroker;
import io.autoresponder.support.brokers.Mosquitto;

/**
 * {@link MqttConnectorServiceRestartIT} against Mosquitto with its default settings (Receive Maximum 20, 20 in
 * flight and 1,000 queued per client). The stream is slower, about 167 requests a second, so that what arrives while
 * the service is down fits Mosquitto's queue for the persistent session: beyond it Mosquitto itself drops requests,
 * whatever the responder does. A restart takes about three seconds here, five on a busy machine; the queue holds six.
 */
class MqttConnectorServiceRestartOnDefaultMosquittoIT extends MqttConnectorServiceRestartIT {

    @Override
    ExternalBroker newBroker() {
        return Mosquitto.startWithDefaults();
    }

    @Override
    Duration tick() {
        return Duration.ofMillis(6);
    }
}
