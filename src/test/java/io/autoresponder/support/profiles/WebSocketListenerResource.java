package io.autoresponder.support.profiles;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.autoresponder.support.brokers.FreeBrokerPort;

/** Free ports for the broker's plain TCP listener and its MQTT over WebSocket listener (turned on). */
public class WebSocketListenerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("autoresponder.broker.port", Integer.toString(FreeBrokerPort.freePort()),
                "autoresponder.broker.websocket.enabled", "true",
                "autoresponder.broker.websocket.port", Integer.toString(FreeBrokerPort.freePort()));
    }

    @Override
    public void stop() {
    }
}
