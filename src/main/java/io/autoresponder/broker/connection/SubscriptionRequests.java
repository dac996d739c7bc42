package io.autoresponder.broker.connection;

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

import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.BrokerMetrics;
import io.autoresponder.broker.ProtocolFault;
import io.autoresponder.broker.ProtocolFaults;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.broker.security.AccessGate;
import io.autoresponder.broker.session.Session;
import io.autoresponder.mqtt.Topics;

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
    private final ProtocolFaults faults;
    private final boolean mqtt5;
    private final AccessGate access;
    private final ReasonStrings reasons;
    private final TopicLimits topicLimits;

    SubscriptionRequests(MqttEndpoint endpoint, Session session, Router router, BrokerConfig config,
            BrokerMetrics metrics, ProtocolFaults faults, boolean mqtt5, AccessGate access, ReasonStrings reasons,
            TopicLimits topicLimits) {
        this.faults = faults;
        this.access = access;
        this.reasons = reasons;
        this.topicLimits = topicLimits;
        this.metrics = metrics;
        this.endpoint = endpoint;
        this.session = session;
        this.router = router;
        this.config = config;
        this.mqtt5 = mqtt5;
    }

    // The session runs the request later. A client gone meanwhile had no SUBACK or UNSUBACK, so it cannot count on
    // the change: the request is dropped, as if it had been lost on the way.
    void onSubscribe(MqttSubscribeMessage message) {
        session.execute(() -> {
            if (endpoint.isConnected()) {
                subscribe(message);
            }
        });
    }

    void onUnsubscribe(MqttUnsubscribeMessage message) {
        session.execute(() -> {
            if (endpoint.isConnected()) {
                unsubscribe(message);
            }
        });
    }

    private void subscribe(MqttSubscribeMessage message) {
        int subscriptionId = mqtt5 ? subscriptionId(message.properties()) : 0;
        if (subscriptionId < 0) {
            // MQTT 5.0 section 3.8.2.1.2: a subscription identifier of 0 is a protocol error.
            faults.record(ProtocolFault.PROTOCOL_ERROR, session.clientId(), "SUBSCRIBE with subscription identifier 0");
            endpoint.disconnect(MqttDisconnectReasonCode.PROTOCOL_ERROR,
                    reasons.onConnackOrDisconnect("subscription identifier 0 (MQTT 5.0 section 3.8.2.1.2)"));
            return;
        }
        List<MqttTopicSubscription> requested = message.topicSubscriptions();
        if (requested.isEmpty()) {
            protocolViolation(ProtocolFault.PROTOCOL_ERROR, MqttDisconnectReasonCode.PROTOCOL_ERROR,
                    "SUBSCRIBE without a topic filter [MQTT-3.8.3-3]");
            return;
        }
        for (MqttTopicSubscription subscription : requested) {
            String error = Topics.filterError(subscription.topicName());
            if (error != null) {
                // A malformed filter is a malformed packet (MQTT 3.1.1 section 4.8, MQTT 5.0 section 4.13):
                // SUBACK codes are for well-formed filters this client may not have. Mosquitto closes too.
                protocolViolation(ProtocolFault.INVALID_TOPIC, MqttDisconnectReasonCode.MALFORMED_PACKET,
                        "SUBSCRIBE " + subscription.topicName() + ": " + error);
                return;
            }
        }
        List<MqttSubAckReasonCode> codes = new ArrayList<>(requested.size());
        List<MqttTopicSubscription> granted = new ArrayList<>(requested.size());
        StringBuilder refusals = new StringBuilder();
        for (MqttTopicSubscription subscription : requested) {
            String filter = subscription.topicName();
            String error = topicLimits.filterError(filter);
            MqttSubAckReasonCode refusal = MqttSubAckReasonCode.TOPIC_FILTER_INVALID;
            if (error == null && !access.subscribeAllowed(filter)) {
                error = "the ACL does not allow this client to subscribe to it";
                refusal = MqttSubAckReasonCode.NOT_AUTHORIZED; // 3.1.1: 0x80 failure [MQTT-3.9.3-2]
            } else if (error == null && !session.filters().contains(filter)
                    && session.filters().size() >= config.maxSubscriptionsPerClient()) {
                error = "client has its maximum of " + session.filters().size()
                        + " subscriptions (autoresponder.broker.max-subscriptions-per-client)";
                refusal = MqttSubAckReasonCode.QUOTA_EXCEEDED;
            }
            if (error != null) {
                LOG.debugf("client %s: SUBSCRIBE %s refused: %s", session.clientId(), filter, error);
                refusals.append(refusals.isEmpty() ? "" : "; ").append('\'').append(filter).append("': ").append(error);
                codes.add(refusal);
            } else {
                session.filters().add(filter);
                codes.add(MqttSubAckReasonCode.qosGranted(subscription.qualityOfService()));
                granted.add(subscription);
            }
        }
        // Written before SUBACK: a subscription the client was told of survives a restart of the broker.
        for (MqttTopicSubscription subscription : granted) {
            session.subscribed(subscription.topicName(), options(subscription), subscriptionId);
        }
        if (mqtt5) {
            endpoint.subscribeAcknowledge(message.messageId(), codes,
                    refusals.isEmpty() ? MqttProperties.NO_PROPERTIES : reasons.onAcknowledgement(refusals.toString()));
        } else {
            // MQTT 3.1.1 SUBACK carries a granted QoS or 0x80 failure per filter [MQTT-3.9.3-2].
            endpoint.subscribeAcknowledge(message.messageId(),
                    codes.stream().map(SubscriptionRequests::grantedQos).toList());
        }
        // After SUBACK, so retained messages follow the acknowledgement.
        for (MqttTopicSubscription subscription : granted) {
            router.subscribe(session, subscription.topicName(), options(subscription), subscriptionId);
        }
    }

    private void unsubscribe(MqttUnsubscribeMessage message) {
        if (message.topics().isEmpty()) {
            protocolViolation(ProtocolFault.PROTOCOL_ERROR, MqttDisconnectReasonCode.PROTOCOL_ERROR,
                    "UNSUBSCRIBE without a topic filter [MQTT-3.10.3-2]");
            return;
        }
        List<MqttUnsubAckReasonCode> codes = new ArrayList<>();
        for (String filter : message.topics()) {
            boolean existed = Topics.filterError(filter) == null && router.unsubscribe(session, filter);
            session.unsubscribed(filter);
            codes.add(existed ? MqttUnsubAckReasonCode.SUCCESS : MqttUnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED);
        }
        if (mqtt5) {
            endpoint.unsubscribeAcknowledge(message.messageId(), codes, MqttProperties.NO_PROPERTIES);
        } else {
            endpoint.unsubscribeAcknowledge(message.messageId());
        }
    }

    /** Closes the connection after a protocol violation; in MQTT 5 with a DISCONNECT saying why first. */
    private void protocolViolation(ProtocolFault fault, MqttDisconnectReasonCode code, String what) {
        faults.record(fault, session.clientId(), what);
        if (mqtt5) {
            endpoint.disconnect(code, reasons.onConnackOrDisconnect(what));
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

    private MqttSubscriptionOption options(MqttTopicSubscription subscription) {
        return mqtt5 ? subscription.subscriptionOption()
                : MqttSubscriptionOption.onlyFromQos(subscription.qualityOfService());
    }

    private static MqttQoS grantedQos(MqttSubAckReasonCode code) {
        int value = code.value() & 0xFF;
        return value <= 2 ? MqttQoS.valueOf(value) : MqttQoS.FAILURE;
    }
}
