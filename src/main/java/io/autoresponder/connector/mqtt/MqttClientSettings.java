package io.autoresponder.connector.mqtt;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/**
 * What identifies one network connection of the {@value MqttConnector#NAME} connector: channels whose settings are
 * equal share a client (one TCP connection, one MQTT session). Read from channel configuration, which includes the
 * connector-wide {@code mp.messaging.connector.autoresponder-mqtt.*} keys; see {@link MqttConnector} for each key.
 */
public record MqttClientSettings(int mqttVersion, String host, int port, Optional<String> clientId, Optional<String> username,
        Optional<String> password, boolean cleanStart, long sessionExpirySeconds, int keepAliveSeconds,
        int receiveMaximum, Duration reconnectInitialDelay, Duration reconnectMaxDelay, boolean ssl,
        Optional<String> tlsConfigurationName) {

    static MqttClientSettings from(Config config) {
        String channel = config.getValue("channel-name", String.class);
        MqttClientSettings settings = new MqttClientSettings(
                config.getOptionalValue("mqtt-version", Integer.class).orElse(5),
                config.getOptionalValue("host", String.class).orElse("localhost"),
                config.getOptionalValue("port", Integer.class).orElse(1883),
                config.getOptionalValue("client-id", String.class),
                config.getOptionalValue("username", String.class),
                config.getOptionalValue("password", String.class),
                config.getOptionalValue("clean-start", Boolean.class).orElse(true),
                config.getOptionalValue("session-expiry-interval", Long.class).orElse(0L),
                config.getOptionalValue("keep-alive", Integer.class).orElse(60),
                config.getOptionalValue("receive-maximum", Integer.class).orElse(65_535),
                config.getOptionalValue("reconnect-initial-delay", Duration.class).orElse(Duration.ofSeconds(1)),
                config.getOptionalValue("reconnect-max-delay", Duration.class).orElse(Duration.ofSeconds(120)),
                config.getOptionalValue("ssl", Boolean.class).orElse(false),
                config.getOptionalValue("tls-configuration-name", String.class));
        settings.check(channel);
        return settings;
    }

    private void check(String channel) {
        if (mqttVersion != 5 && mqttVersion != 3) {
            throw invalid(channel, "mqtt-version", "must be 5 (MQTT 5.0) or 3 (MQTT 3.1.1), not " + mqttVersion);
        }
        if (port < 1 || port > 65_535) {
            throw invalid(channel, "port", "must be 1..65535, not " + port);
        }
        // MQTT 5.0 section 3.1.2.11.3: receive maximum 0 is a protocol error; 65535 is the largest value.
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw invalid(channel, "receive-maximum", "must be 1..65535, not " + receiveMaximum);
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65_535) {
            throw invalid(channel, "keep-alive", "must be 0..65535 seconds, not " + keepAliveSeconds);
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFF_FFFFL) {
            throw invalid(channel, "session-expiry-interval", "must be 0..4294967295 seconds, not " + sessionExpirySeconds);
        }
        if (reconnectInitialDelay.isNegative() || reconnectInitialDelay.isZero()
                || reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw invalid(channel, "reconnect-initial-delay/reconnect-max-delay",
                    "need 0 < initial delay <= max delay, not " + reconnectInitialDelay + " and " + reconnectMaxDelay);
        }
    }

    private static IllegalArgumentException invalid(String channel, String key, String problem) {
        return new IllegalArgumentException("connector " + MqttConnector.NAME + ", channel " + channel + ": " + key
                + " " + problem);
    }
}
