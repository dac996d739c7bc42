package io.autoresponder.broker;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;

/**
 * SUBSCRIBE and UNSUBSCRIBE from one client, applied to its {@link Session}, which keeps the subscriptions
 * when the session outlives the connection.
 */
final class SubscriptionRequests {

    private static final Logger LOG = Logger.getLogger(SubscriptionRequests.class);

    private final MqttEndpoint endpoint;
    private final Session session;
    private final Router router;
    private final BrokerConfig config;
    private final BrokerMetrics metrics;
    private final boolean mqtt5;
    private final AccessGate access;

    SubscriptionRequests(MqttEndpoint endpoint, Session session, Router router, BrokerConfig config,
            BrokerMetrics metrics, boolean mqtt5, AccessGate access) {
        this.access = access;
        this.metrics = metrics;
        this.endpoint = endpoint;
        this.session = session;
        this.router = router;
        this.config = config;
        this.mqtt5 = mqtt5;
    }

    void onSubscribe(MqttSubscribeMessage message) {
        session.execute(() -> subscribe(message));
    }

    void onUnsubscribe(MqttUnsubscribeMessage message) {
        session.execute(() -> unsubscribe(message));
    }

    private void subscribe(MqttSubscribeMessage message) {
        int subscriptionId = mqtt5 ? subscriptionId(message.properties()) : 0;
        if (subscriptionId < 0) {
            // MQTT 5.0 section 3.8.2.1.2: a subscription identifier of 0 is a protocol error.
            metrics.protocolError();
            LOG.debugf("client %s: SUBSCRIBE with subscription identifier 0, closing", session.clientId());
            endpoint.disconnect(MqttDisconnectReasonCode.PROTOCOL_ERROR, MqttProperties.NO_PROPERTIES);
            return;
        }
        List<MqttTopicSubscription> requested = message.topicSubscriptions();
        if (requested.isEmpty()) {
            protocolViolation("SUBSCRIBE without a topic filter [MQTT-3.8.3-3]");
            return;
        }
        for (MqttTopicSubscription subscription : requested) {
            String error = Topics.filterError(subscription.topicName());
            if (error != null) {
                // A malformed filter is a malformed packet (MQTT 3.1.1 section 4.8, MQTT 5.0 section 4.13):
                // SUBACK codes are for well-formed filters this client may not have. Mosquitto closes too.
                protocolViolation("SUBSCRIBE " + subscription.topicName() + ": " + error);
                return;
            }
        }
        List<MqttSubAckReasonCode> codes = new ArrayList<>(requested.size());
        List<MqttTopicSubscription> granted = new ArrayList<>(requested.size());
        for (MqttTopicSubscription subscription : requested) {
            String filter = subscription.topicName();
            if (Topics.levels(filter) > config.maxTopicLevels()) {
                LOG.debugf("client %s: SUBSCRIBE %s refused: more than %d levels "
                        + "(autoresponder.broker.max-topic-levels)", session.clientId(), filter, config.maxTopicLevels());
                codes.add(MqttSubAckReasonCode.TOPIC_FILTER_INVALID);
            } else if (!access.subscribeAllowed(filter)) {
                LOG.debugf("client %s: SUBSCRIBE %s refused by the ACL", session.clientId(), filter);
                codes.add(MqttSubAckReasonCode.NOT_AUTHORIZED); // 3.1.1: 0x80 failure [MQTT-3.9.3-2]
            } else if (!session.filters().contains(filter)
                    && session.filters().size() >= config.maxSubscriptionsPerClient()) {
                LOG.debugf("client %s: SUBSCRIBE %s refused: %d subscriptions", session.clientId(), filter,
                        session.filters().size());
                codes.add(MqttSubAckReasonCode.QUOTA_EXCEEDED);
            } else {
                session.filters().add(filter);
                codes.add(MqttSubAckReasonCode.qosGranted(subscription.qualityOfService()));
                granted.add(subscription);
            }
        }
        if (mqtt5) {
            endpoint.subscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
        } else {
            // MQTT 3.1.1 SUBACK carries a granted QoS or 0x80 failure per filter [MQTT-3.9.3-2].
            endpoint.subscribeAcknowledge(message.messageId(),
                    codes.stream().map(SubscriptionRequests::grantedQos).toList());
        }
        // After SUBACK, so retained messages follow the acknowledgement.
        for (MqttTopicSubscription subscription : granted) {
            router.subscribe(session, subscription.topicName(), mqtt5 ? subscription.subscriptionOption()
                    : MqttSubscriptionOption.onlyFromQos(subscription.qualityOfService()), subscriptionId);
        }
    }

    private void unsubscribe(MqttUnsubscribeMessage message) {
        if (message.topics().isEmpty()) {
            protocolViolation("UNSUBSCRIBE without a topic filter [MQTT-3.10.3-2]");
            return;
        }
        List<MqttUnsubAckReasonCode> codes = new ArrayList<>();
        for (String filter : message.topics()) {
            boolean existed = Topics.filterError(filter) == null && router.unsubscribe(session, filter);
            session.filters().remove(filter);
            codes.add(existed ? MqttUnsubAckReasonCode.SUCCESS : MqttUnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED);
        }
        if (mqtt5) {
            endpoint.unsubscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.unsubscribeAcknowledge(message.messageId());
        }
    }

    /** Closes the connection after a protocol violation; in MQTT 5 with DISCONNECT 0x82 first. */
    private void protocolViolation(String what) {
        metrics.protocolError();
        LOG.debugf("client %s: %s, closing", session.clientId(), what);
        if (mqtt5) {
            endpoint.disconnect(MqttDisconnectReasonCode.PROTOCOL_ERROR, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.close();
        }
    }

    /**
     * The MQTT 5 subscription identifier of a SUBSCRIBE (MQTT 5.0 section 3.8.2.1.2): 0 when it has none, -1
     * when it carries the forbidden value 0.
     */
    private static int subscriptionId(MqttProperties properties) {
        MqttProperties.MqttProperty<?> property = properties == null ? null
                : properties.getProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value());
        if (property == null) {
            return 0;
        }
        int id = (Integer) property.value();
        return id == 0 ? -1 : id;
    }

    private static MqttQoS grantedQos(MqttSubAckReasonCode code) {
        int value = code.value() & 0xFF;
        return value <= 2 ? MqttQoS.valueOf(value) : MqttQoS.FAILURE;
    }
}
