package io.autoresponder.connector.mqtt;

import javax.net.ssl.SSLException;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;

/**
 * Turns the reason a connection attempt of the {@value MqttConnector#NAME} connector failed into a sentence an
 * operator can act on: for TLS failures, which attribute to look at.
 */
final class ConnectionFailure {

    private ConnectionFailure() {
    }

    /** A one-line description of {@code cause}, naming the configuration to check where that is the fix. */
    static String describe(Throwable cause, MqttClientSettings settings) {
        SSLException tls = find(cause, SSLException.class);
        if (tls != null) {
            return "TLS handshake failed: " + tls.getMessage() + " (check the trust store and client certificate of "
                    + settings.tlsConfigurationName().map(name -> "quarkus.tls." + name + ".*")
                            .orElse("the JVM (ssl=true without tls-configuration-name)")
                    + ", and that the broker's certificate names host " + settings.host() + ")";
        }
        if (find(cause, Mqtt5ConnAckException.class) != null || find(cause, Mqtt3ConnAckException.class) != null) {
            return "refused by the broker: " + cause.getMessage();
        }
        return cause.toString();
    }

    /** Whether retrying alone cannot help: TLS and CONNACK refusals need a change of configuration. */
    static boolean needsConfiguration(Throwable cause) {
        return find(cause, SSLException.class) != null || find(cause, Mqtt5ConnAckException.class) != null
                || find(cause, Mqtt3ConnAckException.class) != null;
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
