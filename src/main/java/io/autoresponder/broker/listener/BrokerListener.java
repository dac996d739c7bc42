package io.autoresponder.broker.listener;

import io.vertx.mqtt.MqttServerOptions;

/**
 * One network listener of the broker: its name ({@code tcp}, {@code tls}, {@code websocket}) for logs and
 * health, and the Vert.x options it binds with.
 */
public record BrokerListener(String name, MqttServerOptions options) {

    public static final String TCP = "tcp";
    static final String TLS = "tls";
    static final String WEBSOCKET = "websocket";

    /** How it shows in logs: {@code tls 0.0.0.0:8883}. */
    public String describe(int boundPort) {
        String scheme = options.isUseWebSocket() ? (options.isSsl() ? "wss" : "ws") : (options.isSsl() ? "mqtts" : "mqtt");
        return name + " " + scheme + "://" + options.getHost() + ":" + boundPort
                + (options.isUseWebSocket() ? "/mqtt" : "")
                + (options.isSsl() ? " (client certificates: " + options.getClientAuth().name().toLowerCase(java.util.Locale.ROOT) + ")" : "");
    }
}
