package io.autoresponder.broker.listener;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.SSLOptions;
import io.vertx.mqtt.MqttServerOptions;

import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.broker.BrokerMetrics;
import io.autoresponder.broker.ProtocolFaults;
import io.autoresponder.compat.PacketGate;

/**
 * The listeners the configuration asks for (plain TCP, TLS, WebSocket), each with the same limits. TLS material
 * comes from the Quarkus TLS registry; a missing or incomplete TLS configuration stops the start with a message
 * naming the keys to set.
 */
@ApplicationScoped
public class BrokerListeners {

    /** The MQTT fixed header in front of the remaining length {@code max-message-size} limits. */
    private static final int FIXED_HEADER_MAX = 5;

    private final BrokerConfig config;
    private final TlsConfigurationRegistry tlsRegistry;
    private final ProtocolFaults faults;
    private final BrokerMetrics metrics;

    BrokerListeners(BrokerConfig config, TlsConfigurationRegistry tlsRegistry, ProtocolFaults faults,
            BrokerMetrics metrics) {
        this.config = config;
        this.tlsRegistry = tlsRegistry;
        this.faults = faults;
        this.metrics = metrics;
    }

    /** The gate each connection's packets pass first: CONNECT first and once, nothing before CONNACK. */
    public PacketGate.Factory gates() {
        return connection -> new ConnectionGate(connection, faults, metrics);
    }

    /** The enabled listeners, in binding order. */
    public List<BrokerListener> enabled() {
        List<BrokerListener> listeners = new ArrayList<>(3);
        if (config.plainEnabled()) {
            listeners.add(new BrokerListener(BrokerListener.TCP, base(config.port())));
        }
        if (config.tls().enabled()) {
            listeners.add(new BrokerListener(BrokerListener.TLS, withTls(base(config.tls().port()))));
        }
        if (config.websocket().enabled()) {
            MqttServerOptions options = base(config.websocket().port()).setUseWebSocket(true);
            // One MQTT packet per WebSocket frame at most as large as the largest packet accepted.
            options.setWebSocketMaxFrameSize(config.maxMessageSize() + FIXED_HEADER_MAX);
            listeners.add(new BrokerListener(BrokerListener.WEBSOCKET,
                    config.websocket().tls() ? withTls(options) : options));
        }
        return listeners;
    }

    private MqttServerOptions base(int port) {
        return new MqttServerOptions()
                .setHost(config.host())
                .setPort(port)
                .setMaxMessageSize(config.maxMessageSize())
                .setTimeoutOnConnect(config.connectTimeoutSeconds())
                // Empty client identifiers are handled by ConnectDecision (3.1.1 and 5.0 differ).
                .setAutoClientId(false);
    }

    private MqttServerOptions withTls(MqttServerOptions options) {
        String name = config.tls().configurationName().orElse("<default>");
        String prefix = config.tls().configurationName().map(n -> "quarkus.tls." + n + ".").orElse("quarkus.tls.");
        TlsConfiguration tls = config.tls().configurationName().map(tlsRegistry::get).orElseGet(tlsRegistry::getDefault)
                .orElseThrow(() -> new IllegalStateException("autoresponder.broker.tls: no TLS configuration named "
                        + name + " in the Quarkus TLS registry; set " + prefix + "key-store.*"));
        if (tls.getKeyStoreOptions() == null) {
            throw new IllegalStateException("autoresponder.broker.tls: the TLS configuration " + name
                    + " has no key store; set " + prefix + "key-store.pem.0.cert/key or " + prefix + "key-store.p12.path");
        }
        ClientAuth clientAuth = config.tls().clientAuth();
        if (clientAuth != ClientAuth.NONE && tls.getTrustStoreOptions() == null) {
            throw new IllegalStateException("autoresponder.broker.tls.client-auth=" + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs a trust store for client certificates; set " + prefix + "trust-store.pem.certs or "
                    + prefix + "trust-store.p12.path");
        }
        options.setSsl(true).setKeyCertOptions(tls.getKeyStoreOptions()).setClientAuth(clientAuth);
        if (tls.getTrustStoreOptions() != null) {
            options.setTrustOptions(tls.getTrustStoreOptions());
        }
        SSLOptions ssl = tls.getSSLOptions();
        if (ssl != null) {
            options.setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols());
            ssl.getEnabledCipherSuites().forEach(options::addEnabledCipherSuite);
            options.setSslHandshakeTimeout(ssl.getSslHandshakeTimeout());
            options.setSslHandshakeTimeoutUnit(ssl.getSslHandshakeTimeoutUnit());
        }
        return options;
    }
}
