package io.autoresponder.connector.mqtt;

import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING_AND_OUTGOING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.OUTGOING;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;
import io.vertx.core.Vertx;

import io.autoresponder.connector.tracing.MessageTracing;
import io.autoresponder.connector.ChannelConfig;
import io.autoresponder.connector.ChannelCounters;
import io.autoresponder.connector.ChannelTopics;
import io.autoresponder.responder.PayloadEncoder;

/**
 * Reactive Messaging connector {@value #NAME}: channels on a network MQTT broker through the HiveMQ MQTT client
 * (MQTT 5, or MQTT 3.1.1 with {@code mqtt-version=3}),
 * with the same handler model and metadata types as the in-process connector, so a channel switches connector by
 * configuration only. Channels with equal connection attributes share one client (one connection, one session).
 * <p>
 * A QoS 1/2 request is acknowledged to the broker (PUBACK/PUBREC) only after its reply was accepted by the broker,
 * it was dead-lettered, or the handler finished without a reply: a crash in between makes the broker deliver it
 * again (to a persistent session), instead of losing it. A reply to a request carrying an MQTT 5 response topic
 * goes to that topic with the request's correlation data.
 */
@ApplicationScoped
@Connector(MqttConnector.NAME)
@ConnectorAttribute(name = "mqtt-version", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "5",
        description = "5 for MQTT 5.0, 3 for MQTT 3.1.1 (no properties: no response topic, correlation data, "
                + "session expiry or receive maximum)")
@ConnectorAttribute(name = "host", direction = INCOMING_AND_OUTGOING, type = "string", defaultValue = "localhost",
        description = "Broker host name or address")
@ConnectorAttribute(name = "port", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "1883",
        description = "Broker port")
@ConnectorAttribute(name = "client-id", direction = INCOMING_AND_OUTGOING, type = "string",
        description = "MQTT client identifier; generated when absent. Fixed and unique per instance for a persistent session")
@ConnectorAttribute(name = "username", direction = INCOMING_AND_OUTGOING, type = "string",
        description = "User name sent in CONNECT")
@ConnectorAttribute(name = "password", direction = INCOMING_AND_OUTGOING, type = "string",
        description = "Password sent in CONNECT (only with a username)")
@ConnectorAttribute(name = "clean-start", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true",
        description = "Start a new session on the first connection; false resumes the broker's session")
@ConnectorAttribute(name = "session-expiry-interval", direction = INCOMING_AND_OUTGOING, type = "long",
        defaultValue = "0", description = "Seconds the broker keeps the session after a disconnect; with a fixed "
                + "client-id, more than the longest outage means no request is lost")
@ConnectorAttribute(name = "keep-alive", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "60",
        description = "Keep-alive interval in seconds (0: off)")
// Not lower by default: Mosquitto 2.0.11 sends more unacknowledged messages than a small Receive Maximum allows
// (measured against its defaults: receive-maximum 19 and 20 both drew 0x93 disconnections, 65535 none), and
// the client must then disconnect (MQTT 5.0 section 3.3.4). docs/external-brokers.md#flow-control.
@ConnectorAttribute(name = "receive-maximum", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "65535",
        description = "Unacknowledged QoS 1/2 requests the broker may send at once (1..65535): the in-flight limit, "
                + "and so the bound of the channel's queue")
@ConnectorAttribute(name = "reconnect-initial-delay", direction = INCOMING_AND_OUTGOING, type = "string",
        defaultValue = "1s", description = "First reconnect delay; it doubles per attempt, with jitter")
@ConnectorAttribute(name = "reconnect-max-delay", direction = INCOMING_AND_OUTGOING, type = "string",
        defaultValue = "120s", description = "Longest reconnect delay")
@ConnectorAttribute(name = "ssl", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "false",
        description = "Connect with TLS, trusting the JVM's CAs (see tls-configuration-name for anything else)")
@ConnectorAttribute(name = "tls-configuration-name", direction = INCOMING_AND_OUTGOING, type = "string",
        description = "Connect with TLS as the Quarkus TLS registry's configuration quarkus.tls.<name>.* says: "
                + "trust store (PEM CA certificates, PKCS12, JKS), key store for a client certificate (PEM "
                + "certificate and key, PKCS12, JKS), protocols, hostname-verification-algorithm (HTTPS or NONE)")
@ConnectorAttribute(name = "topic", direction = INCOMING_AND_OUTGOING, type = "string",
        description = "Topic filter (incoming: wildcards and $share/group/filter allowed) or default topic (outgoing); "
                + "defaults to the channel name")
@ConnectorAttribute(name = "topics-from", direction = INCOMING, type = "string",
        description = "Instead of topic: the @Identifier of a ChannelTopics bean whose filters the channel follows "
                + "while the application runs (the rules channel)")
@ConnectorAttribute(name = "qos", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "1",
        description = "Incoming: maximum QoS of the subscription; outgoing: QoS of published messages")
@ConnectorAttribute(name = "buffer-size", direction = INCOMING, type = "int", defaultValue = "1024",
        description = "QoS 0 requests queued while the handler is busy; more are dropped and counted "
                + "(QoS 1/2 requests are bounded by receive-maximum)")
@ConnectorAttribute(name = "duplicate-window", direction = INCOMING, type = "string", defaultValue = "10m",
        description = "How long an answered QoS 1/2 request is remembered by its key (MQTT 5 correlation data, or "
                + "JSON replyTo + correlationId, or JSON id + seq), so that its redelivery is acknowledged without a "
                + "second answer; longer than a restart of the service takes")
@ConnectorAttribute(name = "duplicate-capacity", direction = INCOMING, type = "int", defaultValue = "10000",
        description = "At most this many answered requests are remembered per channel (0: no duplicate detection)")
@ConnectorAttribute(name = "duplicate-journal", direction = INCOMING, type = "string",
        description = "Directory of a journal of answered requests (two files per channel, at most 2 x "
                + "duplicate-capacity lines), so duplicates are recognised across a restart, kill -9 included (not an "
                + "OS crash: no fsync). Needs a fixed client-id; a directory that cannot be written fails the start. "
                + "In memory only when absent")
@ConnectorAttribute(name = "stall-timeout", direction = INCOMING, type = "string", defaultValue = "30s",
        description = "How long QoS 1/2 requests may be pending with none completed before the channel counts as "
                + "stalled: readiness DOWN with the reason, autoresponder_channel_stalls_total counted, one WARN, and a "
                + "reconnect so the broker sends unacknowledged requests again. Longer than the slowest handler; 0s: off")
@ConnectorAttribute(name = "retain", direction = OUTGOING, type = "boolean", defaultValue = "false",
        description = "Retain flag of published messages")
@ConnectorAttribute(name = "max-inflight", direction = OUTGOING, type = "int", defaultValue = "1024",
        description = "Messages being published and not yet accepted by the broker; more wait upstream")
public class MqttConnector implements InboundConnector, OutboundConnector, HealthReporter {

    /** Connector name used in {@code mp.messaging.*.connector}. */
    public static final String NAME = "autoresponder-mqtt";

    private final PayloadEncoder encoder;
    private final ChannelCounters counters;
    private final TlsConfigurationRegistry tlsRegistry;
    private final Vertx vertx;
    private final Map<MqttClientSettings, SharedMqttClient> clients = new ConcurrentHashMap<>();
    private final List<MqttInboundChannel> inbound = new CopyOnWriteArrayList<>();
    private final List<MqttOutboundChannel> outbound = new CopyOnWriteArrayList<>();
    private final StallWatchdog watchdog;
    private final Instance<ChannelTopics> topicSources;
    private final MessageTracing tracing;

    MqttConnector(PayloadEncoder encoder, ChannelCounters counters, TlsConfigurationRegistry tlsRegistry, Vertx vertx,
            @Any Instance<ChannelTopics> topicSources, MessageTracing tracing) {
        this.tracing = tracing;
        this.topicSources = topicSources;
        this.encoder = encoder;
        this.counters = counters;
        this.tlsRegistry = tlsRegistry;
        this.vertx = vertx;
        this.watchdog = new StallWatchdog(vertx);
    }

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        MqttConnectorIncomingConfiguration attributes = new MqttConnectorIncomingConfiguration(config);
        String channel = attributes.getChannel();
        ChannelConfig check = ChannelConfig.incoming(channel);
        ChannelTopics source = attributes.getTopicsFrom().map(name -> check.topicSource(name, topicSources)).orElse(null);
        MqttInboundSettings settings = new MqttInboundSettings(channel,
                source == null ? Set.of(check.topic(attributes.getTopic())) : source.filters(),
                check.qos(attributes.getQos()), check.positive("buffer-size", attributes.getBufferSize()),
                check.duration("duplicate-window", attributes.getDuplicateWindow()),
                check.notNegative("duplicate-capacity", attributes.getDuplicateCapacity()),
                attributes.getDuplicateJournal().map(java.nio.file.Path::of),
                check.duration("stall-timeout", attributes.getStallTimeout()));
        MqttInboundChannel publisher = new MqttInboundChannel(settings, client(attributes, check), counters, tracing);
        if (source != null) {
            source.onChange(publisher::retarget);
        }
        inbound.add(publisher);
        if (!settings.stallTimeout().isZero()) {
            watchdog.watch(publisher, settings.stallTimeout());
        }
        return publisher;
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        MqttConnectorOutgoingConfiguration attributes = new MqttConnectorOutgoingConfiguration(config);
        String channel = attributes.getChannel();
        ChannelConfig check = ChannelConfig.outgoing(channel);
        MqttOutboundSettings settings = new MqttOutboundSettings(channel, check.topic(attributes.getTopic()),
                check.qos(attributes.getQos()), attributes.getRetain(),
                check.positive("max-inflight", attributes.getMaxInflight()));
        MqttOutboundChannel subscriber = new MqttOutboundChannel(settings, client(attributes, check), encoder, tracing);
        outbound.add(subscriber);
        return subscriber;
    }

    /**
     * Ready when connected and every incoming channel's subscription was acknowledged on this connection; while not
     * connected, each channel's entry says why (e.g. the TLS handshake failure).
     */
    @Override
    public HealthReport getReadiness() {
        HealthReport.HealthReportBuilder report = HealthReport.builder();
        inbound.forEach(channel -> report.add(channel.name(), channel.isReady(), channel.connectionProblem()));
        outbound.forEach(channel -> report.add(channel.name(), channel.isReady(), channel.connectionProblem()));
        return report.build();
    }

    /** Alive while the channels stream; a lost connection is not a reason to restart (it reconnects). */
    @Override
    public HealthReport getLiveness() {
        HealthReport.HealthReportBuilder report = HealthReport.builder();
        inbound.forEach(channel -> report.add(channel.name(), channel.isAlive()));
        outbound.forEach(channel -> report.add(channel.name(), channel.isAlive()));
        return report.build();
    }

    /** Sends DISCONNECT on every connection (at most two seconds each); later calls do nothing. */
    void disconnectAll() {
        clients.values().forEach(SharedMqttClient::disconnect);
    }

    @PreDestroy
    void close() {
        watchdog.stop();
        disconnectAll();
        // Last: requests still finishing after the graceful shutdown's DISCONNECT are remembered until now.
        inbound.forEach(MqttInboundChannel::close);
    }

    boolean hasIncomingChannels() {
        return !inbound.isEmpty();
    }

    /** Whether no incoming channel's session outlives its connection (clean start and no session expiry). */
    boolean cleanSessions() {
        return inbound.stream().allMatch(MqttInboundChannel::hasCleanSession);
    }

    /** Unsubscribes every incoming channel (for good); waits at most {@code limit} for the UNSUBACKs. */
    boolean unsubscribeAll(Duration limit) {
        java.util.concurrent.CompletableFuture<?>[] done = inbound.stream().map(MqttInboundChannel::leave)
                .toArray(java.util.concurrent.CompletableFuture[]::new);
        try {
            java.util.concurrent.CompletableFuture.allOf(done).get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private SharedMqttClient client(MqttConnectorCommonConfiguration attributes, ChannelConfig check) {
        String channel = attributes.getChannel();
        return clients.computeIfAbsent(MqttClientSettings.from(attributes, check), settings -> new SharedMqttClient(
                settings,
                settings.tlsConfigurationName().map(name -> MqttTlsConfig.from(name, tlsRegistry, vertx, channel))));
    }
}
