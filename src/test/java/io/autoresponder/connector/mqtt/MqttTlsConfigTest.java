package io.autoresponder.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

/** The connector's TLS attribute names a configuration of the Quarkus TLS registry; a wrong name is a clear error. */
class MqttTlsConfigTest {

    /** A registry that knows no configuration, as when {@code quarkus.tls.<name>.*} was never set. */
    private static final TlsConfigurationRegistry EMPTY = new TlsConfigurationRegistry() {
        @Override
        public Optional<TlsConfiguration> get(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<TlsConfiguration> getDefault() {
            return Optional.empty();
        }

        @Override
        public void register(String name, TlsConfiguration configuration) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void from_unknownConfigurationName_throwsNamingTheChannelAndTheKeysToSet() {
        assertThatThrownBy(() -> MqttTlsConfig.from("brokr", EMPTY, null, "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connector autoresponder-mqtt, channel test: tls-configuration-name 'brokr': no such TLS "
                        + "configuration: define quarkus.tls.brokr.trust-store.* (and .key-store.* for a client certificate)");
    }
}
