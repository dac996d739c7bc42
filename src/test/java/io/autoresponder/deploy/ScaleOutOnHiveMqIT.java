package io.autoresponder.deploy;

import java.time.Duration;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.autoresponder.support.ExternalBroker;
import io.autoresponder.support.HiveMq;
import io.autoresponder.support.ReplyLedger;
import io.autoresponder.support.RequestStream;

/** {@link ScaleOutIT} against HiveMQ CE 2025.5 with its default settings, at 250 requests a second. */
class ScaleOutOnHiveMqIT extends ScaleOutIT {

    @Override
    ExternalBroker newBroker() {
        return HiveMq.start();
    }

    @Override
    RequestStream stream(Mqtt5AsyncClient requester, ReplyLedger ledger, int perMillisecond) {
        return new RequestStream(requester, ledger, REQUESTS, 1, Duration.ofMillis(4));
    }
}
