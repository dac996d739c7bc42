package io.autoresponder.connector.stock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.mqtt.Clients;
import io.smallrye.reactive.messaging.mqtt.MqttConnector;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSession;
import io.smallrye.reactive.messaging.mqtt.session.SubscriptionState;

import io.autoresponder.compat.StockClientRegistry;
import io.autoresponder.connector.NetworkSessions;
import io.autoresponder.connector.ResponderConnectorDefault;

/**
 * What a clean shutdown needs from the stock SmallRye MQTT connector's client sessions, which the connector does
 * not offer itself: leave the request subscriptions while the connection stays up (so a shared subscription
 * hands new requests to the other instances), and send DISCONNECT while Vert.x still runs (the connector closes
 * its clients only after Vert.x stopped, which the broker sees as a dropped connection).
 * <p>
 * The sessions come from the connector's private client registry ({@link StockClientRegistry}).
 */
@ApplicationScoped
public class StockConnectorSessions implements NetworkSessions {

    private static final Logger LOG = Logger.getLogger(StockConnectorSessions.class);
    private static final String INCOMING = "mp.messaging.incoming.";
    private static final String CONNECTOR_SUFFIX = ".connector";
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Config config;
    private final Instance<MqttConnector> connector;

    StockConnectorSessions(Config config, @Connector(ResponderConnectorDefault.STOCK) Instance<MqttConnector> connector) {
        this.config = config;
        this.connector = connector;
    }

    /** Whether any incoming channel uses the stock connector. */
    @Override
    public boolean inUse() {
        return !incomingTopics().isEmpty() && connector.isResolvable();
    }

    /**
     * Whether the incoming channels start clean sessions ({@code auto-clean-session}, true by default): then the
     * broker keeps nothing for this instance once it disconnected, and nothing may be left unanswered with it.
     */
    @Override
    public boolean cleanSessions() {
        List<String> channels = incomingChannels();
        return !channels.isEmpty() && channels.stream().allMatch(channel -> config
                .getOptionalValue(INCOMING + channel + ".auto-clean-session", Boolean.class)
                .or(() -> config.getOptionalValue("mp.messaging.connector.smallrye-mqtt.auto-clean-session", Boolean.class))
                .orElse(true));
    }

    /**
     * Unsubscribes every incoming channel's topic and waits, at most {@code limit}, until the sessions report the
     * subscriptions gone (UNSUBACK received); returns whether they did.
     */
    @Override
    public boolean unsubscribe(Duration limit) {
        Collection<MqttClientSession> clients = sessions();
        List<String> topics = incomingTopics();
        clients.forEach(session -> topics.forEach(session::unsubscribe));
        long deadline = System.nanoTime() + limit.toNanos();
        while (clients.stream().anyMatch(session -> topics.stream().anyMatch(topic -> subscribed(session, topic)))) {
            if (System.nanoTime() - deadline >= 0) {
                LOG.warnf("Unsubscribe from %s not confirmed by the broker within %s", topics, limit);
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    private static boolean subscribed(MqttClientSession session, String topic) {
        SubscriptionState state = session.getSubscriptionState(topic);
        return state != null && state != SubscriptionState.UNSUBSCRIBED && state != SubscriptionState.FAILED;
    }

    /**
     * Sends DISCONNECT on every connection of the connector and waits, at most {@code limit}, until no channel
     * reports a connection any more; returns whether that happened.
     */
    @Override
    public boolean disconnect(Duration limit) {
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

    // A channel is ready while its client session is CONNECTED; the session leaves that state in the same
    // event-loop task that writes DISCONNECT.
    private boolean anyChannelConnected() {
        HealthReport readiness = connector.get().getReadiness();
        return readiness.getChannels().stream().anyMatch(HealthReport.ChannelInfo::isOk);
    }

    private List<String> incomingChannels() {
        List<String> channels = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(INCOMING) && name.endsWith(CONNECTOR_SUFFIX)
                    && ResponderConnectorDefault.STOCK.equals(config.getOptionalValue(name, String.class).orElse(""))) {
                channels.add(name.substring(INCOMING.length(), name.length() - CONNECTOR_SUFFIX.length()));
            }
        }
        return channels;
    }

    private List<String> incomingTopics() {
        return incomingChannels().stream()
                .map(channel -> config.getOptionalValue(INCOMING + channel + ".topic", String.class).orElse(channel))
                .toList();
    }

    private static Collection<MqttClientSession> sessions() {
        try {
            return StockClientRegistry.sessions();
        } catch (IllegalStateException e) {
            LOG.warnf("Cannot reach the MQTT connector's client sessions (%s): requests still queued for this "
                    + "instance may be lost on shutdown", e.getMessage());
            return List.of();
        }
    }
}
