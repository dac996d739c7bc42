package io.autoresponder.broker.security;

import io.vertx.mqtt.MqttWill;

import io.autoresponder.broker.BrokerMetrics;

/**
 * The ACL checks of one connection, each refusal counted in {@code autoresponder_broker_acl_denied_total}. The
 * connection decides what a refusal looks like on the wire.
 */
public final class AccessGate {

    /** Allows everything and counts nothing: a session before its first connection claimed it. */
    public static final AccessGate UNRESTRICTED = new AccessGate(ClientPermissions.ALL, null);

    private final ClientPermissions permissions;
    private final BrokerMetrics metrics;

    public AccessGate(ClientPermissions permissions, BrokerMetrics metrics) {
        this.permissions = permissions;
        this.metrics = metrics;
    }

    /** Whether the CONNECT's will (if any) goes to a topic the client may publish to. */
    public boolean willAllowed(MqttWill will) {
        if (will == null || !will.isWillFlag() || will.getWillTopic() == null) {
            return true;
        }
        return counted(permissions.mayPublish(will.getWillTopic()), "will");
    }

    public boolean publishAllowed(String topic) {
        return counted(permissions.mayPublish(topic), "publish");
    }

    public boolean subscribeAllowed(String filter) {
        return counted(permissions.maySubscribe(filter), "subscribe");
    }

    public boolean receiveAllowed(String topic) {
        return counted(permissions.mayReceive(topic), "receive");
    }

    private boolean counted(boolean allowed, String action) {
        if (!allowed && metrics != null) {
            metrics.aclDenied(action);
        }
        return allowed;
    }
}
