package io.autoresponder.support.brokers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.autoresponder.support.tls.TlsCertificates;

/**
 * Runs the service in external mode against a real {@link Mosquitto} for a Quarkus test: starts the broker
 * before the application, configures the application with exactly the keys an operator sets (broker disabled,
 * connector host and port; the connector itself follows {@code autoresponder.broker.enabled}), and stops the
 * broker after. A test gets the broker, e.g. to restart it, through a field annotated {@link Broker}.
 */
public class MosquittoBroker implements QuarkusTestResourceLifecycleManager {

    /** Marks a test field of type {@link Mosquitto} that receives the running broker (or {@link TlsCertificates}: its certificates). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Broker {
    }

    /** Init argument: the only user the broker admits (with {@link #PASSWORD}); anonymous clients when absent. */
    public static final String USERNAME = "username";
    /** Init argument: that user's password. */
    public static final String PASSWORD = "password";

    /**
     * Init argument: {@value #TLS_SERVER} for a broker that speaks only TLS, {@value #TLS_CLIENT_CERTIFICATE} for
     * one that also requires a client certificate. The certificates ({@link TlsCertificates}) are then made for the
     * run, and their files are passed to the application as {@code test.tls.ca}, {@code test.tls.other-ca},
     * {@code test.tls.ca-trust-store} (PKCS12), {@code test.tls.client-cert}, {@code test.tls.client-key},
     * {@code test.tls.client-key-store} (PKCS12) and {@code test.tls.store-password}, for a profile to refer to
     * as {@code ${test.tls.ca}}.
     */
    public static final String TLS = "tls";
    public static final String TLS_SERVER = "server";
    public static final String TLS_CLIENT_CERTIFICATE = "client-certificate";

    /**
     * Init argument: {@value #SETTINGS_DEFAULTS} runs Mosquitto with nothing but a listener (its own in-flight and
     * queue limits, as a new user runs it); absent, the broker runs with raised limits and persistence.
     */
    public static final String SETTINGS = "settings";
    public static final String SETTINGS_DEFAULTS = "defaults";

    private Mosquitto mosquitto;
    private TlsCertificates certificates;
    private boolean defaults;
    private String username;
    private String password;
    private String tls;

    @Override
    public void init(Map<String, String> initArgs) {
        username = initArgs.get(USERNAME);
        password = initArgs.get(PASSWORD);
        tls = initArgs.get(TLS);
        String settings = initArgs.get(SETTINGS);
        if (settings != null && !settings.equals(SETTINGS_DEFAULTS)) {
            throw new IllegalArgumentException(SETTINGS + " must be " + SETTINGS_DEFAULTS + " or absent, not " + settings);
        }
        defaults = settings != null;
        if (tls != null && !tls.equals(TLS_SERVER) && !tls.equals(TLS_CLIENT_CERTIFICATE)) {
            throw new IllegalArgumentException(TLS + " must be " + TLS_SERVER + " or " + TLS_CLIENT_CERTIFICATE + ", not " + tls);
        }
    }

    @Override
    public Map<String, String> start() {
        if (tls != null) {
            certificates = TlsCertificates.generate();
            mosquitto = Mosquitto.startTls(certificates, tls.equals(TLS_CLIENT_CERTIFICATE));
            Map<String, String> config = new HashMap<>(externalMode(mosquitto.port()));
            config.put("test.tls.ca", certificates.caCertificate().toString());
            config.put("test.tls.other-ca", certificates.otherCaCertificate().toString());
            config.put("test.tls.ca-trust-store", certificates.caTrustStore().toString());
            config.put("test.tls.client-cert", certificates.clientCertificate().toString());
            config.put("test.tls.client-key", certificates.clientKey().toString());
            config.put("test.tls.client-key-store", certificates.clientKeyStore().toString());
            config.put("test.tls.store-password", TlsCertificates.STORE_PASSWORD);
            return config;
        }
        mosquitto = defaults ? Mosquitto.startWithDefaults() : Mosquitto.start(username, password);
        Map<String, String> config = new HashMap<>(externalMode(mosquitto.port()));
        if (username != null) {
            config.put("mp.messaging.connector.smallrye-mqtt.username", username);
            config.put("mp.messaging.connector.smallrye-mqtt.password", password);
            config.put("mp.messaging.connector.autoresponder-mqtt.username", username);
            config.put("mp.messaging.connector.autoresponder-mqtt.password", password);
        }
        return config;
    }

    /** The configuration of external mode against a broker on 127.0.0.1:{@code port}. */
    public static Map<String, String> externalMode(int port) {
        return Map.of(
                "autoresponder.broker.enabled", "false",
                "mp.messaging.connector.smallrye-mqtt.host", "127.0.0.1",
                "mp.messaging.connector.smallrye-mqtt.port", Integer.toString(port),
                "mp.messaging.connector.autoresponder-mqtt.host", "127.0.0.1",
                "mp.messaging.connector.autoresponder-mqtt.port", Integer.toString(port));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(mosquitto, new TestInjector.AnnotatedAndMatchesType(Broker.class, Mosquitto.class));
        if (certificates != null) {
            injector.injectIntoFields(certificates,
                    new TestInjector.AnnotatedAndMatchesType(Broker.class, TlsCertificates.class));
        }
    }

    @Override
    public void stop() {
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (certificates != null) {
            certificates.delete();
        }
    }
}
