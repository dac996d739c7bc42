package io.autoresponder.connector.embedded;

import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING_AND_OUTGOING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.OUTGOING;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;

import io.autoresponder.broker.EmbeddedBroker;
import io.autoresponder.connector.tracing.MessageTracing;
import io.autoresponder.connector.ChannelConfig;
import io.autoresponder.connector.ChannelCounters;
import io.autoresponder.connector.ChannelTopics;
import io.autoresponder.responder.PayloadEncoder;

/**
 * Reactive Messaging connector {@value #NAME}: attaches channels to the embedded broker in-process, with no
 * socket and no MQTT encoding in between. Handlers do not change when a channel moves to another connector.
 * <p>
 * Acknowledgement: a QoS 1/2 request is acknowledged to its publisher (PUBACK/PUBREC) when the channel
 * acknowledges the message; for an {@code @Incoming @Outgoing} handler that is after its reply was routed.
 */
@ApplicationScoped
@Connector(EmbeddedConnector.NAME)
@ConnectorAttribute(name = "topic", direction = INCOMING_AND_OUTGOING, type = "string",
        description = "Topic filter (incoming: wildcards and $share/group/filter allowed) or topic name (outgoing); "
                + "defaults to the channel name")
@ConnectorAttribute(name = "qos", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "1",
        description = "Incoming: QoS granted to the subscription; outgoing: QoS of published messages")
@ConnectorAttribute(name = "buffer-size", direction = INCOMING, type = "int", defaultValue = "1024",
        description = "QoS 0 messages queued while the handler is busy; more are dropped and counted")
@ConnectorAttribute(name = "max-pending", direction = INCOMING, type = "int", defaultValue = "65536",
        description = "QoS 1/2 messages queued while the handler is busy; more are refused (MQTT 5 reason 0x97). "
                + "Publishers' in-flight windows normally keep the queue far below this")
@ConnectorAttribute(name = "topics-from", direction = INCOMING, type = "string",
        description = "Instead of topic: the @Identifier of a ChannelTopics bean whose filters the channel follows "
                + "while the application runs (the rules channel)")
@ConnectorAttribute(name = "retain", direction = OUTGOING, type = "boolean", defaultValue = "false",
        description = "Retain flag of published messages")
public class EmbeddedConnector implements InboundConnector, OutboundConnector, HealthReporter {

    /** Connector name used in {@code mp.messaging.*.connector}. */
    public static final String NAME = "autoresponder-embedded";

    private final EmbeddedBroker broker;
    private final PayloadEncoder encoder;
    private final ChannelCounters counters;
    private final List<InboundChannel> inbound = new CopyOnWriteArrayList<>();
    private final List<OutboundChannel> outbound = new CopyOnWriteArrayList<>();
    private final Instance<ChannelTopics> topicSources;
    private final MessageTracing tracing;

    EmbeddedConnector(EmbeddedBroker broker, PayloadEncoder encoder, ChannelCounters counters,
            @Any Instance<ChannelTopics> topicSources, MessageTracing tracing) {
        this.tracing = tracing;
        this.broker = broker;
        this.encoder = encoder;
        this.counters = counters;
        this.topicSources = topicSources;
    }

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        EmbeddedConnectorIncomingConfiguration attributes = new EmbeddedConnectorIncomingConfiguration(config);
        String channel = channelName(attributes);
        ChannelConfig check = ChannelConfig.incoming(channel);
        ChannelTopics source = attributes.getTopicsFrom().map(name -> check.topicSource(name, topicSources)).orElse(null);
        InboundSettings settings = new InboundSettings(channel,
                source == null ? Set.of(check.topic(attributes.getTopic())) : source.filters(),
                MqttQoS.valueOf(check.qos(attributes.getQos())),
                check.positive("buffer-size", attributes.getBufferSize()),
                check.positive("max-pending", attributes.getMaxPending()));
        InboundChannel publisher = new InboundChannel(settings, broker.router(), counters, tracing);
        if (source != null) {
            source.onChange(publisher::retarget);
        }
        inbound.add(publisher);
        return publisher;
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        EmbeddedConnectorOutgoingConfiguration attributes = new EmbeddedConnectorOutgoingConfiguration(config);
        String channel = channelName(attributes);
        ChannelConfig check = ChannelConfig.outgoing(channel);
        OutboundSettings settings = new OutboundSettings(channel, check.topic(attributes.getTopic()),
                check.qos(attributes.getQos()), attributes.getRetain());
        OutboundChannel subscriber = new OutboundChannel(settings, broker.router(), encoder, tracing);
        outbound.add(subscriber);
        return subscriber;
    }

    /**
     * Ready when the broker listens (or has no listener: external mode, where a channel here is in-process only)
     * and every channel is attached.
     */
    @Override
    public HealthReport getReadiness() {
        HealthReport.HealthReportBuilder report = HealthReport.builder();
        boolean brokerUp = !broker.isEnabled() || broker.isListening();
        for (InboundChannel channel : inbound) {
            report.add(channel.name(), brokerUp && channel.isAttached());
        }
        for (OutboundChannel channel : outbound) {
            report.add(channel.name(), brokerUp && channel.isSubscribed());
        }
        return report.build();
    }

    @Override
    public HealthReport getLiveness() {
        HealthReport.HealthReportBuilder report = HealthReport.builder();
        inbound.forEach(channel -> report.add(channel.name(), channel.isAttached()));
        return report.build();
    }

    /** Messages waiting in an incoming channel's queue (-1 for an unknown channel). */
    int queued(String channel) {
        return inbound.stream().filter(c -> c.name().equals(channel)).mapToInt(InboundChannel::queued).findFirst()
                .orElse(-1);
    }

    @PreDestroy
    void detachAll() {
        inbound.forEach(InboundChannel::detach);
    }

    private String channelName(EmbeddedConnectorCommonConfiguration attributes) {
        if (!broker.isEnabled()) {
            throw new IllegalStateException("Connector " + NAME + " attaches channels to the embedded broker, which "
                    + "is disabled (autoresponder.broker.enabled=false). For an external broker leave "
                    + "autoresponder.responder.connector unset (autoresponder-mqtt is the default then) and set "
                    + "mp.messaging.connector.autoresponder-mqtt.host/port.");
        }
        return attributes.getChannel();
    }
}
