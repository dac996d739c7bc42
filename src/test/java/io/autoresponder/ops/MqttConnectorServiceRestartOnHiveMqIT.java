package io.autoresponder.ops;

import java.time.Duration;

import io.autoresponder.support.ExternalBroker;
import io.autoresponder.support.HiveMq;

/**
 * {@link MqttConnectorServiceRestartIT} against HiveMQ CE 2025.5 with its default settings (Receive Maximum 10,
 * 1,000 messages queued per client), at the same 250 requests a second as against default Mosquitto.
 */
class MqttConnectorServiceRestartOnHiveMqIT extends MqttConnectorServiceRestartIT {

    @Override
    ExternalBroker newBroker() {
        return HiveMq.start();
    }

    @Override
    Duration tick() {
        return Duration.ofMillis(4);
    }
}
