package io.autoresponder.broker.session;

import java.util.List;

import org.jboss.logging.Logger;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;

import io.autoresponder.broker.BrokerClock;
import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.BrokerMetrics;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Route;

/**
 * Messages from the broker to one session, with their wire state: packet identifiers, DUP, the in-flight
 * window and the queue. Works the same whether the client is connected ({@link #link}) or away: while away,
 * QoS 1/2 messages wait in the queue (bounded by {@code max-queued-messages}, newest dropped when full) and
 * QoS 0 messages are discarded, as MQTT allows (MQTT 3.1.1 section 3.1.2.4, MQTT 5.0 section 3.1.2.4).
 * Used on the session's thread only.
 */
public final class OutboundFlow {

    private final BrokerClock clock;
    private static final Logger LOG = Logger.getLogger(OutboundFlow.class);

    private final String clientId;
    private final OutboundWindow window;
    private final int maxInflight;
    private final BrokerMetrics metrics;
    private ClientLink link;

    OutboundFlow(String clientId, BrokerConfig config, BrokerMetrics metrics, QueuedBytes budget, BrokerClock clock) {
        this.clock = clock;
        this.clientId = clientId;
        this.maxInflight = config.maxInflightMessages();
        this.window = new OutboundWindow(maxInflight, config.maxQueuedMessages(), budget);
        this.metrics = metrics;
    }

    /**
     * A client (re)connected to the session: messages in flight are sent again with their packet identifiers,
     * PUBLISH with DUP set, or PUBREL for QoS 2 messages whose PUBREC arrived [MQTT-4.4.0-1]; then the queue.
     */
    void link(ClientLink client) {
        link = client;
        window.resize(Math.min(maxInflight, client.receiveMaximum()));
        for (OutboundWindow.Delivery delivery : window.inflight()) {
            if (window.isReleased(delivery.packetId())) {
                if (client.endpoint().isConnected()) {
                    client.endpoint().publishRelease(delivery.packetId());
                }
            } else {
                write(delivery.publication(), delivery.route(), delivery.packetId(), true);
            }
        }
        drain();
    }

    /** Where the window writes its changes from now on. */
    void journal(SessionJournal journal) {
        window.journal(journal);
    }

    /** Messages read back from the broker's store; sent when a client links. */
    void restore(List<StoredSession.Message> messages) {
        window.restore(messages);
    }

    /** Everything queued or in flight. */
    List<OutboundWindow.Delivery> held() {
        return window.held();
    }

    /** Whether the QoS 2 message in flight under {@code packetId} got its PUBREC. */
    boolean isReleased(int packetId) {
        return window.isReleased(packetId);
    }

    /** The client went away: messages wait for the next {@link #link}. */
    void unlink() {
        link = null;
    }

    /** Whether {@code client} is the connection this flow writes to now. */
    public boolean isLinkedTo(ClientLink client) {
        return link != null && link == client;
    }

    /** A message for this session, routed as {@code route}. */
    void offer(Publication publication, Route route) {
        MqttQoS qos = route.qos();
        if (publication.isExpired(clock.nanoTime())) {
            metrics.dropped(); // expired before it could be sent [MQTT-3.3.2-5]
            return;
        }
        if (link != null && PublishPacketSize.of(publication, route, link.mqtt5()) > link.maximumPacketSize()) {
            // MQTT 5.0 section 3.1.2.11.4: a packet the client cannot take is discarded, as if sent.
            metrics.dropped();
            return;
        }
        if (qos == MqttQoS.AT_MOST_ONCE) {
            if (link != null) {
                write(publication, route, 0, false);
            } else {
                metrics.offlineDropped(BrokerMetrics.OfflineDrop.QOS0);
            }
            return;
        }
        if (!window.offer(publication, route)) {
            metrics.dropped();
            if (link == null) {
                metrics.offlineDropped(BrokerMetrics.OfflineDrop.QUEUE_FULL);
            }
            LOG.debugf("client %s: queue full (%d messages, or max-queued-bytes spent), message on %s dropped", clientId, window.queuedCount(),
                    publication.topic());
            return;
        }
        drain();
    }

    /** PUBREC from the client for a QoS 2 message: answer PUBREL, keep the flow until PUBCOMP. */
    public void received(int packetId) {
        window.release(packetId);
        // A client gone meanwhile gets the PUBREL when it resumes the session (link above).
        if (link != null && link.endpoint().isConnected()) {
            link.endpoint().publishRelease(packetId);
        }
    }

    /** PUBACK, or PUBCOMP for QoS 2: the flow of {@code packetId} is complete. */
    public void completed(int packetId) {
        if (window.complete(packetId)) {
            drain();
        }
    }

    /** The session ends: what the client has not received, for a shared group to give to another member. */
    List<OutboundWindow.Delivery> drainUnreceived() {
        return window.drainUnreceived();
    }

    private void drain() {
        if (link == null) {
            return;
        }
        OutboundWindow.Delivery delivery;
        while ((delivery = window.next()) != null) {
            if (delivery.publication().isExpired(clock.nanoTime())) {
                // Expired while queued [MQTT-3.3.2-5]: its packet identifier is released at once.
                window.complete(delivery.packetId());
                metrics.dropped();
                continue;
            }
            write(delivery.publication(), delivery.route(), delivery.packetId(), false);
        }
    }

    private void write(Publication publication, Route route, int packetId, boolean dup) {
        if (!link.endpoint().isConnected()) {
            // Closed but the close handler has not run yet: QoS 1/2 stay in flight for the next connection.
            return;
        }
        MqttProperties properties = link.mqtt5() ? withSubscriptionIds(publication.propertiesAt(clock.nanoTime()),
                route.subscriptionIds()) : MqttProperties.NO_PROPERTIES;
        String topicName = publication.topic();
        if (link.topicAliases() != null) {
            OutboundTopicAliases.Choice choice = link.topicAliases().choose(topicName);
            topicName = choice.topicName();
            properties = with(properties, new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(),
                    choice.alias()));
        }
        link.endpoint().publish(topicName, publication.payload(), route.qos(), dup, publication.retain(),
                packetId, properties);
        metrics.sent(publication.payload().length());
    }

    /** The message's properties plus the subscription identifiers of this copy [MQTT-3.3.4-3]. */
    private static MqttProperties withSubscriptionIds(MqttProperties properties, List<Integer> ids) {
        if (ids.isEmpty()) {
            return properties;
        }
        MqttProperties copy = copyOf(properties);
        for (Integer id : ids) {
            copy.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
        }
        return copy;
    }

    // The publication's properties are shared by every subscriber's copy: never added to in place.
    private static MqttProperties with(MqttProperties properties, MqttProperties.MqttProperty<?> added) {
        MqttProperties copy = copyOf(properties);
        copy.add(added);
        return copy;
    }

    private static MqttProperties copyOf(MqttProperties properties) {
        MqttProperties copy = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            copy.add(property);
        }
        return copy;
    }
}
