package io.autoresponder.broker.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

import io.autoresponder.broker.BrokerConfig;

/** Which listeners the configuration enables, and the errors for TLS configurations that cannot work. */
class BrokerListenersTest {

    @Test
    void byDefaultOnlyThePlainListenerRuns() {
        assertThat(listeners(Map.of(), registry(null)).enabled()).extracting(BrokerListener::name)
                .containsExactly(BrokerListener.TCP);
    }

    @Test
    void everyListenerCanBeTurnedOnAndThePlainOneOff() {
        var enabled = listeners(Map.of("autoresponder.broker.plain-enabled", "false",
                "autoresponder.broker.tls.enabled", "true", "autoresponder.broker.tls.client-auth", "required",
                "autoresponder.broker.websocket.enabled", "true", "autoresponder.broker.websocket.tls", "true"),
                registry(tls(true, true))).enabled();

        assertThat(enabled).extracting(BrokerListener::name).containsExactly(BrokerListener.TLS, BrokerListener.WEBSOCKET);
        assertThat(enabled.get(0).options().isSsl()).isTrue();
        assertThat(enabled.get(0).options().getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
        assertThat(enabled.get(0).options().getPort()).isEqualTo(8883);
        assertThat(enabled.get(1).options().isUseWebSocket()).isTrue();
        assertThat(enabled.get(1).options().isSsl()).isTrue();
        assertThat(enabled.get(1).options().getPort()).isEqualTo(8083);
    }

    @Test
    void anUnknownTlsConfigurationNameIsRefusedNamingTheKeysToSet() {
        assertThatThrownBy(() -> listeners(Map.of("autoresponder.broker.tls.enabled", "true",
                "autoresponder.broker.tls.configuration-name", "mqtt"), registry(null)).enabled())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no TLS configuration named mqtt")
                .hasMessageContaining("quarkus.tls.mqtt.key-store");
    }

    @Test
    void aTlsConfigurationWithoutKeyStoreIsRefused() {
        assertThatThrownBy(() -> listeners(Map.of("autoresponder.broker.tls.enabled", "true"),
                registry(tls(false, false))).enabled())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no key store")
                .hasMessageContaining("quarkus.tls.key-store.pem.0.cert");
    }

    @Test
    void clientCertificatesWithoutTrustStoreAreRefused() {
        assertThatThrownBy(() -> listeners(Map.of("autoresponder.broker.tls.enabled", "true",
                "autoresponder.broker.tls.client-auth", "request"), registry(tls(true, false))).enabled())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client-auth=request needs a trust store");
    }

    private static BrokerListeners listeners(Map<String, String> properties, TlsConfigurationRegistry registry) {
        // Quarkus' converter reads durations such as the default sys-interval "10s".
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(BrokerConfig.class)
                .withConverter(java.time.Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 500)).build();
        return new BrokerListeners(config.getConfigMapping(BrokerConfig.class), registry, null, null);
    }

    /** A registry holding {@code tls} under every name (none when null). */
    private static TlsConfigurationRegistry registry(TlsConfiguration tls) {
        return new TlsConfigurationRegistry() {
            @Override
            public Optional<TlsConfiguration> get(String name) {
                return Optional.ofNullable(tls);
            }

            @Override
            public Optional<TlsConfiguration> getDefault() {
                return Optional.ofNullable(tls);
            }

            @Override
            public void register(String name, TlsConfiguration configuration) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static TlsConfiguration tls(boolean keyStore, boolean trustStore) {
        return (TlsConfiguration) Proxy.newProxyInstance(TlsConfiguration.class.getClassLoader(),
                new Class<?>[] { TlsConfiguration.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getKeyStoreOptions" -> keyStore ? new PemKeyCertOptions() : null;
                    case "getTrustStoreOptions" -> trustStore ? new PemTrustOptions() : null;
                    case "getName" -> "test";
                    default -> null;
                });
    }
}
