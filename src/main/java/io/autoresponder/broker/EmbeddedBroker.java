package io.autoresponder.broker;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;

/**
 * The in-process MQTT broker: a Vert.x {@link MqttServer} on Quarkus' own Vert.x (and so its Netty event
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
    private final BrokerMetrics metrics;
    private final Authenticator authenticator;
    private final SysTopics sysTopics;
    private volatile MqttServer server;

    EmbeddedBroker(Vertx vertx, BrokerConfig config, Router router, ConnectionRegistry connections,
            BrokerMetrics metrics, Authenticator authenticator) {
        this.authenticator = authenticator;
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
        stop().toCompletionStage().toCompletableFuture()
                .orTimeout(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
    }

    /** Binds the listener; completes once it accepts connections. */
    public synchronized Future<Void> start() {
        if (server != null) {
            return Future.succeededFuture();
        }
        ProtocolRanges.check(config);
        MqttServerOptions options = new MqttServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setMaxMessageSize(config.maxMessageSize())
                .setTimeoutOnConnect(config.connectTimeoutSeconds())
                // Empty client identifiers are handled by ConnectDecision (3.1.1 and 5.0 differ).
                .setAutoClientId(false);
        MqttServer created = MqttServer.create(vertx, options);
        created.endpointHandler(endpoint -> new MqttConnection(endpoint, config, router, connections, metrics,
                authenticator).start());
        created.exceptionHandler(failure -> {
            metrics.listenerFailure(failure);
            LOG.debugf("MQTT listener: %s", failure.toString());
        });
        return created.listen().map(bound -> {
            server = bound;
            sysTopics.start();
            LOG.infof("MQTT broker listening on %s:%d (MQTT 3.1.1 and 5.0, max packet %d bytes)", config.host(),
                    bound.actualPort(), config.maxMessageSize());
            return null;
        });
    }

    /** Closes every client connection and the listener. */
    public synchronized Future<Void> stop() {
        MqttServer running = server;
        if (running == null) {
            return Future.succeededFuture();
        }
        server = null;
        sysTopics.stop();
        connections.closeAll();
        return running.close().onComplete(done -> LOG.info("MQTT broker stopped"));
    }

    /** Whether the listener is bound and accepting connections. */
    public boolean isListening() {
        return server != null;
    }

    /** The bound port, or -1 when not listening. */
    public int port() {
        MqttServer running = server;
        return running == null ? -1 : running.actualPort();
    }

    /** Whether the broker is configured to run at all. */
    public boolean isEnabled() {
        return config.enabled();
    }

    /** Where publications are routed; the seam for in-process publishers and subscribers. */
    public Router router() {
        return router;
    }
}
