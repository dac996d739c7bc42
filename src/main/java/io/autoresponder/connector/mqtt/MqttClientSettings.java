package io.autoresponder.connector.mqtt;

import java.time.Duration;
import java.util.Optional;

import io.autoresponder.connector.ChannelConfig;


/**
 * What identifies one network connection of the {@value MqttConnector#NAME} connector: channels whose settings are
 * equal share a client (one TCP connection, one MQTT session). Read from channel configuration, which includes the
 * connector-wide {@code mp.messaging.connector.autoresponder-mqtt.*} keys; see {@link MqttConnector} for each key.
 */
public record MqttClientSettings(int mqttVersion, String host, int port, Optional<String> clientId, Optional<String> username,
        Optional<String> password, boolean cleanStart, long sessionExpirySeconds, int keepAliveSeconds,
        int receiveMaximum, Duration reconnectInitialDelay, Duration reconnectMaxDelay, boolean ssl,
        Optional<String> tlsConfigurationName) {

    static MqttClientSettings from(MqttConnectorCommonConfiguration config, ChannelConfig check) {
        MqttClientSettings settings = new MqttClientSettings(config.getMqttVersion(), config.getHost(),
                config.getPort(), config.getClientId(), config.getUsername(), config.getPassword(),
                config.getCleanStart(), config.getSessionExpiryInterval(), config.getKeepAlive(),
                config.getReceiveMaximum(),
                check.duration("reconnect-initial-delay", config.getReconnectInitialDelay()),
                check.duration("reconnect-max-delay", config.getReconnectMaxDelay()),
                config.getSsl(), config.getTlsConfigurationName());
        settings.check(check);
        return settings;
    }

    /** The password as CONNECT carries it (UTF-8), empty when none is set. */
    byte[] passwordBytes() {
        return password.orElse("").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void check(ChannelConfig channel) {
        if (mqttVersion != 5 && mqttVersion != 3) {
            throw channel.invalid("mqtt-version", "must be 5 (MQTT 5.0) or 3 (MQTT 3.1.1), not " + mqttVersion);
        }
        if (port < 1 || port > 65_535) {
            throw channel.invalid("port", "must be 1..65535, not " + port);
        }
        // MQTT 5.0 section 3.1.2.11.3: receive maximum 0 is a protocol error; 65535 is the largest value.
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw channel.invalid("receive-maximum", "must be 1..65535, not " + receiveMaximum);
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65_535) {
            throw channel.invalid("keep-alive", "must be 0..65535 seconds, not " + keepAliveSeconds);
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFF_FFFFL) {
            throw channel.invalid("session-expiry-interval", "must be 0..4294967295 seconds, not " + sessionExpirySeconds);
        }
        if (reconnectInitialDelay.isNegative() || reconnectInitialDelay.isZero()
                || reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw channel.invalid("reconnect-initial-delay/reconnect-max-delay",
                    "need 0 < initial delay <= max delay, not " + reconnectInitialDelay + " and " + reconnectMaxDelay);
        }
    }
}
