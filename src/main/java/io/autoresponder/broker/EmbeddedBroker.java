package io.autoresponder.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import io.autoresponder.broker.connection.ConnectedClient;
import io.autoresponder.broker.connection.ConnectionRegistry;
import io.autoresponder.broker.connection.MqttConnection;
import io.autoresponder.broker.listener.BrokerListener;
import io.autoresponder.broker.listener.BrokerListeners;
import io.autoresponder.broker.persistence.BrokerStore;
import io.autoresponder.broker.persistence.Recovered;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.broker.security.Authenticator;
import io.autoresponder.broker.security.Authorizer;
import io.autoresponder.broker.session.SessionStore;
import io.autoresponder.compat.GatedMqttServer;

/**
 * The in-process MQTT broker: Vert.x MQTT servers ({@link GatedMqttServer}) on Quarkus' own Vert.x (and so its Netty event
 * loops). It starts before Reactive Messaging connects its channels, so the responder finds it listening.
 */
@ApplicationScoped
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final BrokerConfig config;
    private final Router router;
    private final ConnectionRegistry connections;
    private final SessionStore sessions;
    private final BrokerMetrics metrics;
    private final Authenticator authenticator;
    private final SysTopics sysTopics;
    private final Authorizer authorizer;
    private final BrokerListeners listeners;
    private final ProtocolFaults faults;
    private final BrokerStore store;
    private final Map<String, GatedMqttServer> servers = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile List<String> listenerNames = List.of();

    EmbeddedBroker(Vertx vertx, BrokerConfig config, Router router, ConnectionRegistry connections,
            SessionStore sessions, BrokerMetrics metrics, Authenticator authenticator, Authorizer authorizer,
            BrokerListeners listeners, ProtocolFaults faults, BrokerStore store) {
        this.faults = faults;
        this.store = store;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.listeners = listeners;
        this.vertx = vertx;
        this.config = config;
        this.router = router;
        this.connections = connections;
        this.metrics = metrics;
        this.sysTopics = new SysTopics(vertx, router, metrics, config.sysInterval());
    }

    // Reactive Messaging starts its channels at LIBRARY_BEFORE; the broker must be bound before that.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Embedded MQTT broker disabled (autoresponder.broker.enabled=false): using an external broker");
            return;
        }
        start().toCompletionStage().toCompletableFuture()
                .orTimeout(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            stop().toCompletionStage().toCompletableFuture()
                    .orTimeout(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
        } finally {
            store.close(); // after the last connection's close was written
        }
    }

    /** Binds every enabled listener; completes once all accept connections (fails if one cannot bind). */
    public synchronized Future<Void> start() {
        if (!servers.isEmpty()) {
            return Future.succeededFuture();
        }
        ProtocolRanges.check(config);
        restoreFromStore();
        List<BrokerListener> enabled = listeners.enabled();
        listenerNames = enabled.stream().map(BrokerListener::name).toList();
        if (enabled.isEmpty()) {
            LOG.warn("Embedded MQTT broker has no network listener (autoresponder.broker.plain-enabled=false, tls and "
                    + "websocket off): only in-process clients reach it");
        }
        List<Future<GatedMqttServer>> bound = new ArrayList<>(enabled.size());
        for (BrokerListener listener : enabled) {
            bound.add(bind(listener));
        }
        return Future.all(bound).map(all -> {
            sysTopics.start();
            started = true;
            return (Void) null;
        }).onFailure(failure -> stop());
    }

    /**
     * Reads the store back at the first start, before any listener binds, so no client sees a broker without its
     * sessions; a later start in the same process keeps the state in memory. A store that cannot be read stops the
     * start.
     */
    private void restoreFromStore() {
        Recovered recovered = store.open();
        if (!store.enabled() || recovered == null) {
            return;
        }
        recovered.retained().forEach(router::restoreRetained);
        int kept = sessions.restore(recovered.sessions());
        LOG.infof("Broker store %s: %d retained messages and %d sessions (%d expired while the broker was down) with "
                + "%d queued messages read back in %d ms (fsync %s)", config.persistence().directory().get(),
                recovered.retained().size(), kept, recovered.sessions().size() - kept, recovered.messages(),
                recovered.millis(), config.persistence().fsync().name().toLowerCase(java.util.Locale.ROOT));
    }

    private Future<GatedMqttServer> bind(BrokerListener listener) {
        GatedMqttServer created = new GatedMqttServer(vertx, listener.options(),
                endpoint -> new MqttConnection(endpoint, config, router, connections, sessions, metrics, faults,
                        authenticator, authorizer).start(),
                failure -> {
                    metrics.listenerFailure(failure);
                    LOG.debugf("MQTT listener %s: %s", listener.name(), failure.toString());
                },
                listeners.gates());
        return created.listen().onSuccess(server -> {
            servers.put(listener.name(), server);
            LOG.infof("MQTT broker listening: %s (MQTT 3.1.1 and 5.0, max packet %d bytes)",
                    listener.describe(server.actualPort()), config.maxMessageSize());
        });
    }

    /** Closes every client connection and every listener. */
    public synchronized Future<Void> stop() {
        if (servers.isEmpty() && !started) {
            return Future.succeededFuture();
        }
        List<GatedMqttServer> running = new ArrayList<>(servers.values());
        servers.clear();
        started = false;
        sysTopics.stop();
        connections.closeAll();
        List<Future<Void>> closed = running.stream().map(GatedMqttServer::close).toList();
        return Future.join(closed).<Void>mapEmpty().onComplete(done -> LOG.info("MQTT broker stopped"));
    }

    /** Whether the broker runs and every enabled listener is bound and accepting connections. */
    public boolean isListening() {
        return started;
    }

    /** The bound port of the plain TCP listener, or -1 when it is not listening. */
    public int port() {
        return port(BrokerListener.TCP);
    }

    /** The bound port of a listener ({@code tcp}, {@code tls}, {@code websocket}), or -1 when it is not listening. */
    public int port(String listener) {
        GatedMqttServer running = servers.get(listener);
        return running == null ? -1 : running.actualPort();
    }

    /** The listeners enabled at the last start, by name, with their bound port or -1 while not bound. */
    public Map<String, Integer> listenerPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String listener : listenerNames) {
            ports.put(listener, port(listener));
        }
        return ports;
    }

    /** Whether the broker is configured to run at all. */
    public boolean isEnabled() {
        return config.enabled();
    }

    /** Where publications are routed; the seam for in-process publishers and subscribers. */
    public Router router() {
        return router;
    }

    /** Number of connected network clients. */
    public int connectionCount() {
        return connections.size();
    }

    /** Up to {@code limit} connected network clients, longest connected first. */
    public List<ConnectedClient> clients(int limit) {
        return connections.clients(limit);
    }
}
