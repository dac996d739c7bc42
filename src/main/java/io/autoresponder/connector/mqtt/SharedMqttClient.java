package io.autoresponder.connector.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;

import io.reactivex.Scheduler;
import io.reactivex.schedulers.Schedulers;

/**
 * One MQTT connection (HiveMQ client; MQTT 5, or 3.1.1 with {@code mqtt-version=3}) shared by every channel with the same {@link MqttClientSettings}. It owns
 * the connection's {@link ConnectionState}: reconnects with the client's capped exponential backoff with jitter,
 * subscribes every incoming channel again after each CONNACK (SUBSCRIBE replaces an existing subscription,
 * MQTT 5.0 section 3.8.4), and sends DISCONNECT on shutdown.
 * <p>
 * Requests are taken with manual acknowledgement: PUBACK/PUBREC goes out only when the channel acknowledges the
 * message, and only on the connection that received it. A request received on an earlier connection is not
 * acknowledged on a later one: the broker sends it again to the resumed session (MQTT 5.0 section 4.4).
 */
public final class SharedMqttClient {

    private static final Logger LOG = Logger.getLogger(SharedMqttClient.class);
    private static final Duration DISCONNECT_LIMIT = Duration.ofSeconds(2);
    // The client's callbacks (received requests, publish results) run where the client produced them, on its
    // Netty thread, instead of its default RxJava computation pool: each request otherwise crossed threads four
    // times (in, reply out, reply's PUBACK in, request's PUBACK out). Measured with bench/compare.sh against
    // Mosquitto at QoS 1, window 64: 65 µs of service CPU per request before, 24-30 µs after (BENCHMARKS.md).
    // Nothing on this path may block; Reactive Messaging runs blocking handlers on worker threads, not here.
    private static final Scheduler ON_THE_CONNECTION_THREAD = Schedulers.from(Runnable::run);

    private final MqttClientSettings settings;
    private final String clientId;
    private final MqttProtocol client;
    private final List<MqttInboundChannel> inbound = new CopyOnWriteArrayList<>();
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.DISCONNECTED);
    // Changes with every CONNACK: a request remembers the connection it came on.
    private final AtomicLong connection = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final PublishWindow publishes = new PublishWindow();
    // Why the last connection attempt failed or the connection was lost; null while connected.
    private volatile String lastFailure;
    // Why restart() closed the connection; the disconnection it causes reconnects instead of stopping.
    private volatile String restartReason;

    public SharedMqttClient(MqttClientSettings settings, Optional<MqttClientSslConfig> tls) {
        this.settings = settings;
        this.clientId = settings.clientId().orElseGet(() -> "autoresponder-" + UUID.randomUUID());
        MqttClientBuilder builder = MqttClient.builder()
                .identifier(clientId)
                .serverHost(settings.host())
                .serverPort(settings.port())
                .automaticReconnect()
                .initialDelay(settings.reconnectInitialDelay().toMillis(), TimeUnit.MILLISECONDS)
                .maxDelay(settings.reconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS)
                .applyAutomaticReconnect()
                .executorConfig().applicationScheduler(ON_THE_CONNECTION_THREAD).applyExecutorConfig()
                .addConnectedListener(context -> onConnected())
                .addDisconnectedListener(this::onDisconnected);
        if (tls.isPresent()) {
            builder = builder.sslConfig(tls.get());
        } else if (settings.ssl()) {
            builder = builder.sslWithDefaultConfig();
        }
        this.client = settings.mqttVersion() == 3 ? new Mqtt3Protocol(builder) : new Mqtt5Protocol(builder);
        // Registered before CONNECT, so requests a persistent session hands over at once are not missed.
        client.onPublish(this::route);
    }

    ConnectionState state() {
        return state.get();
    }

    /** The MQTT client identifier, configured or generated. */
    public String clientId() {
        return clientId;
    }

    /** Whether the session ends with the connection: clean start, and (MQTT 5) no session expiry. */
    boolean hasCleanSession() {
        return settings.cleanStart() && (settings.mqttVersion() == 3 || settings.sessionExpirySeconds() == 0);
    }

    /** Unsubscribes {@code channel}'s filters; completes when the broker confirmed them all. */
    CompletableFuture<Void> unsubscribe(MqttInboundChannel channel) {
        return CompletableFuture.allOf(channel.filters().stream().map(client::unsubscribe)
                .toArray(CompletableFuture[]::new)).thenRun(channel::unsubscribed);
    }

    /** Subscribes {@code channel} to {@code added} and off {@code removed} on the current connection, if any. */
    void retarget(MqttInboundChannel channel, Set<String> added, Set<String> removed) {
        if (state.get() != ConnectionState.CONNECTED) {
            return; // the next CONNACK subscribes to the channel's filters as they are then
        }
        removed.forEach(filter -> client.unsubscribe(filter).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.warnf("Channel %s could not unsubscribe from %s: %s", channel.name(), filter, failure.toString());
            }
        }));
        if (!added.isEmpty()) {
            subscribe(channel, added, connection.get());
        }
    }

    /** Whether the client identifier is configured, so the broker's session outlives this process. */
    public boolean hasFixedClientId() {
        return settings.clientId().isPresent();
    }

    /** Why the client is not connected (the last failure), for readiness; null while connected or never tried. */
    String notConnectedReason() {
        return state.get() == ConnectionState.CONNECTED ? null : lastFailure;
    }

    void attach(MqttInboundChannel channel) {
        inbound.add(channel);
        if (state.get() == ConnectionState.CONNECTED && !channel.hasLeft()) {
            subscribe(channel, connection.get());
        }
    }

    /** Connects once; later calls do nothing. Until CONNACK, publishes wait in the client. */
    void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        state.set(ConnectionState.CONNECTING);
        LOG.infof("Connecting to %s:%d as %s (MQTT %s, clean start %s, session expiry %d s)", settings.host(),
                settings.port(), clientId, settings.mqttVersion() == 3 ? "3.1.1" : "5", settings.cleanStart(),
                settings.sessionExpirySeconds());
        // A failed first attempt is retried by the automatic reconnect like any lost connection.
        client.connect(settings).whenComplete((connack, failure) -> {
            if (failure != null) {
                LOG.debugf("first CONNECT to %s:%d failed: %s", settings.host(), settings.port(), failure.toString());
            }
        });
    }

    /**
     * Publishes through the {@link PublishWindow}: at most {@value PublishWindow#SIZE} publishes are unfinished in
     * the client at once, so this never blocks the calling thread, which may be the client's own.
     */
    CompletableFuture<Void> publish(MqttProtocol.Outgoing message) {
        return publishes.submit(() -> client.publish(message));
    }

    /**
     * Sends PUBACK/PUBREC for {@code publish} if it came on the current connection (at most once per message;
     * the caller guarantees that). QoS 0 messages need nothing.
     */
    void acknowledge(MqttProtocol.Received publish, long receivedOn) {
        if (receivedOn != connection.get() || state.get() != ConnectionState.CONNECTED) {
            LOG.debugf("not acknowledging a request of an earlier connection; the broker sends it again");
            return;
        }
        try {
            publish.acknowledge().run();
        } catch (RuntimeException e) {
            LOG.debugf("acknowledgement not sent: %s", e.toString());
        }
    }

    /**
     * Closes the connection (DISCONNECT, normal disconnection, keeping the session as configured) and connects
     * again after {@code reconnect-initial-delay}: the stall watchdog's cure for a connection that stopped making
     * progress. The broker then sends unacknowledged requests again (to a persistent session) and the client
     * resends unacknowledged replies. Does nothing unless connected (a reconnect is under way then).
     */
    void restart(String reason) {
        if (state.get() != ConnectionState.CONNECTED || restartReason != null) {
            return;
        }
        restartReason = reason;
        LOG.infof("Reconnecting %s to %s:%d: %s", clientId, settings.host(), settings.port(), reason);
        client.disconnect().whenComplete((nothing, failure) -> {
            if (failure != null) {
                // Not connected after all: the disconnection that came first reconnects as usual.
                restartReason = null;
                LOG.debugf("DISCONNECT of %s before reconnecting not completed: %s", clientId, failure.toString());
            }
        });
    }

    /** Sends DISCONNECT (normal disconnection) and stops reconnecting; waits at most two seconds. */
    void disconnect() {
        ConnectionState before = state.getAndSet(ConnectionState.DISCONNECTING);
        if (before == ConnectionState.DISCONNECTED) {
            state.set(ConnectionState.DISCONNECTED);
            return;
        }
        try {
            client.disconnect().get(DISCONNECT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Disconnected %s from %s:%d", clientId, settings.host(), settings.port());
        } catch (Exception e) {
            LOG.debugf("DISCONNECT of %s not completed: %s", clientId, e.toString());
        } finally {
            state.set(ConnectionState.DISCONNECTED);
        }
    }

    private void onConnected() {
        long current = connection.incrementAndGet();
        lastFailure = null;
        state.set(ConnectionState.CONNECTED);
        LOG.infof("Connected to %s:%d as %s", settings.host(), settings.port(), clientId);
        inbound.stream().filter(channel -> !channel.hasLeft()).forEach(channel -> subscribe(channel, current));
    }

    private void onDisconnected(MqttClientDisconnectedContext context) {
        inbound.forEach(MqttInboundChannel::unsubscribed);
        if (state.get() == ConnectionState.DISCONNECTING || state.get() == ConnectionState.DISCONNECTED) {
            context.getReconnector().reconnect(false);
            return;
        }
        String restart = restartReason;
        if (restart != null) {
            // Our own DISCONNECT (restart()): the client's automatic reconnect ignores those, so ask for one.
            restartReason = null;
            state.set(ConnectionState.CONNECTING);
            lastFailure = restart;
            context.getReconnector().reconnect(true).resubscribeIfSessionPresent(false).resubscribeIfSessionExpired(false)
                    .delay(settings.reconnectInitialDelay().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        // We subscribe again ourselves after each CONNACK, so readiness reflects a SUBACK we saw.
        context.getReconnector().resubscribeIfSessionPresent(false).resubscribeIfSessionExpired(false);
        state.set(ConnectionState.CONNECTING);
        String reason = ConnectionFailure.describe(context.getCause(), settings);
        boolean repeated = reason.equals(lastFailure);
        lastFailure = reason;
        // A TLS or authentication failure does not heal by retrying: say once, loudly, what to fix.
        if (ConnectionFailure.needsConfiguration(context.getCause()) && !repeated) {
            LOG.errorf("Cannot connect to %s:%d as %s: %s", settings.host(), settings.port(), clientId, reason);
        }
        LOG.warnf("Not connected to %s:%d (%s); attempt %d in %d ms", settings.host(), settings.port(), reason,
                context.getReconnector().getAttempts() + 1, context.getReconnector().getDelay(TimeUnit.MILLISECONDS));
    }

    private void subscribe(MqttInboundChannel channel, long onConnection) {
        subscribe(channel, channel.filters(), onConnection);
    }

    /** Subscribes to every filter; the channel counts as subscribed once the broker granted them all. */
    private void subscribe(MqttInboundChannel channel, Set<String> filters, long onConnection) {
        List<CompletableFuture<Boolean>> subscriptions = new ArrayList<>();
        for (String filter : filters) {
            subscriptions.add(client.subscribe(filter, channel.qos()).whenComplete((granted, failure) -> {
                if (failure != null || !granted) {
                    LOG.errorf("Channel %s could not subscribe to %s: %s", channel.name(), filter,
                            failure != null ? failure.toString() : "refused by the broker");
                }
            }));
        }
        CompletableFuture.allOf(subscriptions.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            boolean allGranted = failure == null && subscriptions.stream().allMatch(CompletableFuture::join);
            if (allGranted && onConnection == connection.get()) {
                channel.subscribed();
            }
        });
    }

    private void route(MqttProtocol.Received publish) {
        long current = connection.get();
        for (MqttInboundChannel channel : inbound) {
            if (channel.matches(publish.metadata().topic())) {
                channel.offer(publish, current);
                return;
            }
        }
        // Left over from a subscription no channel has any more (a persistent session keeps it): not ours to hold.
        LOG.debugf("no channel for topic %s; acknowledged", publish.metadata().topic());
        acknowledge(publish, current);
    }
}
