package io.autoresponder.connector.mqtt;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.autoresponder.connector.NetworkSessions;

/** {@link NetworkSessions} of our connector ({@value MqttConnector#NAME}): asks the connector itself. */
@ApplicationScoped
public class MqttConnectorSessions implements NetworkSessions {

    private final MqttConnector connector;

    MqttConnectorSessions(@org.eclipse.microprofile.reactive.messaging.spi.Connector(MqttConnector.NAME) MqttConnector connector) {
        this.connector = connector;
    }

    @Override
    public boolean inUse() {
        return connector.hasIncomingChannels();
    }

    @Override
    public boolean cleanSessions() {
        return connector.cleanSessions();
    }

    @Override
    public boolean unsubscribe(Duration limit) {
        return connector.unsubscribeAll(limit);
    }

    @Override
    public boolean disconnect(Duration limit) {
        connector.disconnectAll();
        return true;
    }
}
