package io.autoresponder.connector.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.HostnameVerifier;

import org.jboss.logging.Logger;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.SSLOptions;

/**
 * Maps a named configuration of the Quarkus TLS registry ({@code quarkus.tls.<name>.*}: trust store as PEM CA
 * certificates, PKCS12 or JKS; key store with the client certificate as PEM certificate and key, PKCS12 or JKS;
 * protocols, cipher suites, handshake timeout, hostname verification) onto the HiveMQ client's TLS configuration.
 * The stores are read once, when the connector creates the client: certificates renewed later
 * ({@code quarkus.tls.reload-period}) are used after a restart of the service.
 */
final class MqttTlsConfig {

    private static final Logger LOG = Logger.getLogger(MqttTlsConfig.class);
    // The HiveMQ client verifies the server's host name as HTTPS does (RFC 2818) unless given a verifier.
    private static final HostnameVerifier ANY_HOST = (host, session) -> true;

    private MqttTlsConfig() {
    }

    /**
     * The HiveMQ TLS configuration for the registry's configuration {@code name}; fails with an error naming the
     * channel and the keys to check when it does not exist or its stores cannot be read.
     */
    static MqttClientSslConfig from(String name, TlsConfigurationRegistry registry, Vertx vertx, String channel) {
        TlsConfiguration tls = registry.get(name).orElseThrow(() -> invalid(channel, name,
                "no such TLS configuration: define quarkus.tls." + name + ".trust-store.* (and .key-store.* for a "
                        + "client certificate)"));
        MqttClientSslConfigBuilder builder = MqttClientSslConfig.builder();
        try {
            if (tls.isTrustAll()) {
                LOG.warnf("Channel %s trusts every server certificate (quarkus.tls.%s.trust-all=true): "
                        + "for tests only", channel, name);
                builder = builder.trustManagerFactory(InsecureTrustManagerFactory.INSTANCE);
            } else if (tls.getTrustStoreOptions() != null) {
                builder = builder.trustManagerFactory(tls.getTrustStoreOptions().getTrustManagerFactory(vertx));
            }
            if (tls.getKeyStoreOptions() != null) {
                builder = builder.keyManagerFactory(tls.getKeyStoreOptions().getKeyManagerFactory(vertx));
            }
        } catch (Exception e) {
            throw invalid(channel, name, "its trust store or key store cannot be read: " + e.getMessage());
        }
        SSLOptions options = tls.getSSLOptions();
        if (!options.getEnabledSecureTransportProtocols().isEmpty()) {
            builder = builder.protocols(new ArrayList<>(options.getEnabledSecureTransportProtocols()));
        }
        if (!options.getEnabledCipherSuites().isEmpty()) {
            builder = builder.cipherSuites(List.copyOf(options.getEnabledCipherSuites()));
        }
        builder = builder.handshakeTimeout(options.getSslHandshakeTimeout(), options.getSslHandshakeTimeoutUnit());
        String verification = tls.getHostnameVerificationAlgorithm().orElse("HTTPS").toUpperCase(Locale.ROOT);
        switch (verification) {
            case "HTTPS" -> {
                // The client's default: the server certificate must name the host connected to.
            }
            case "NONE" -> {
                LOG.warnf("Channel %s does not check the broker's host name against its certificate "
                        + "(quarkus.tls.%s.hostname-verification-algorithm=NONE)", channel, name);
                builder = builder.hostnameVerifier(ANY_HOST);
            }
            default -> throw invalid(channel, name, "hostname-verification-algorithm " + verification
                    + " is not supported here: HTTPS (default) or NONE");
        }
        return builder.build();
    }

    private static IllegalArgumentException invalid(String channel, String name, String problem) {
        return new IllegalArgumentException("connector " + MqttConnector.NAME + ", channel " + channel
                + ": tls-configuration-name '" + name + "': " + problem);
    }
}
