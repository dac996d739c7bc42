package io.autoresponder.support.profiles;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.tls.TlsCertificates;

/**
 * Throw-away certificates and free ports for the broker's TLS listener and its WebSocket listener over TLS: TLS configuration {@code mqtt} in the
 * Quarkus TLS registry, client certificates required. Tests find the certificates with
 * {@link TlsCertificates#in} on the directory of {@code quarkus.tls.mqtt.key-store.p12.path}.
 */
public class TlsListenerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TlsCertificates certificates = TlsCertificates.generate();
        Map<String, String> config = new HashMap<>();
        config.put("autoresponder.broker.port", Integer.toString(FreeBrokerPort.freePort()));
        config.put("autoresponder.broker.tls.enabled", "true");
        config.put("autoresponder.broker.tls.port", Integer.toString(FreeBrokerPort.freePort()));
        config.put("autoresponder.broker.tls.configuration-name", "mqtt");
        config.put("autoresponder.broker.tls.client-auth", "required");
        config.put("autoresponder.broker.websocket.enabled", "true");
        config.put("autoresponder.broker.websocket.tls", "true");
        config.put("autoresponder.broker.websocket.port", Integer.toString(FreeBrokerPort.freePort()));
        config.put("quarkus.tls.mqtt.key-store.p12.path", certificates.serverKeyStore().toString());
        config.put("quarkus.tls.mqtt.key-store.p12.password", TlsCertificates.STORE_PASSWORD);
        config.put("quarkus.tls.mqtt.trust-store.p12.path", certificates.serverTrustStore().toString());
        config.put("quarkus.tls.mqtt.trust-store.p12.password", TlsCertificates.STORE_PASSWORD);
        return config;
    }

    @Override
    public void stop() {
    }
}
