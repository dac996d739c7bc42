package io.autoresponder.deploy;

import io.autoresponder.support.brokers.ExternalBroker;
import io.autoresponder.support.brokers.Mosquitto;

/**
 * {@link ScaleOutIT} against Mosquitto with its default settings (20 in flight and 1,000 queued per client). The
 * stream is 250 requests a second: with 20 in flight per replica, freshly started JVMs on two shared cores fall
 * behind a faster stream, and what Mosquitto queues beyond 1,000 for a replica, or still holds for a replica that
 * leaves, it drops (docs/external-brokers.md).
 */
class ScaleOutOnDefaultMosquittoIT extends ScaleOutIT {

    @Override
    ExternalBroker newBroker() {
        return Mosquitto.startWithDefaults();
    }

    @Override
    boolean brokerDefaults() {
        return true;
    }
}
