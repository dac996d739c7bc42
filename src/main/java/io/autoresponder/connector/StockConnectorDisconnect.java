package io.autoresponder.connector;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import io.autoresponder.responder.ResponderConfig;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.mqtt.Clients;
import io.smallrye.reactive.messaging.mqtt.MqttConnector;

/**
 * Disconnects the stock SmallRye MQTT connector's clients with an MQTT DISCONNECT while Vert.x still runs. The
 * connector closes its clients only when the application context is destroyed, after Vert.x stopped: the broker
 * then sees a dropped connection instead of a clean disconnect.
 */
@ApplicationScoped
public class StockConnectorDisconnect {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ResponderConfig config;
    private final Instance<MqttConnector> connector;

    StockConnectorDisconnect(ResponderConfig config, @Connector("smallrye-mqtt") Instance<MqttConnector> connector) {
        this.config = config;
        this.connector = connector;
    }

    /**
     * Sends DISCONNECT on every connection of the connector and waits, at most {@code limit}, until no channel
     * reports a connection any more; returns whether that happened (true when the connector is not in use).
     */
    public boolean disconnect(Duration limit) {
        if (!ResponderConnectorDefault.NETWORK.equals(config.connector()) || connector.isUnsatisfied()) {
            return true;
        }
        // Stops every client session: each sends DISCONNECT and closes its connection on its event loop.
        Clients.clear();
        long deadline = System.nanoTime() + limit.toNanos();
        while (anyChannelConnected()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    // A channel is ready while its client session is CONNECTED; the session leaves that state when it sends
    // DISCONNECT, in the same event-loop task that writes it.
    private boolean anyChannelConnected() {
        HealthReport readiness = connector.get().getReadiness();
        return readiness.getChannels().stream().anyMatch(HealthReport.ChannelInfo::isOk);
    }
}
