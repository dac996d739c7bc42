package io.autoresponder.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the service in external mode against a real {@link Mosquitto} for a Quarkus test: starts the broker
 * before the application, configures the application with exactly the keys an operator sets (broker disabled,
 * connector host and port; the connector itself follows {@code autoresponder.broker.enabled}), and stops the
 * broker after. A test gets the broker, e.g. to restart it, through a field annotated {@link Broker}.
 */
public class MosquittoBroker implements QuarkusTestResourceLifecycleManager {

    /** Marks a test field of type {@link Mosquitto} that receives the running broker. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Broker {
    }

    /** Init argument: the only user the broker admits (with {@link #PASSWORD}); anonymous clients when absent. */
    public static final String USERNAME = "username";
    /** Init argument: that user's password. */
    public static final String PASSWORD = "password";

    private Mosquitto mosquitto;
    private String username;
    private String password;

    @Override
    public void init(Map<String, String> initArgs) {
        username = initArgs.get(USERNAME);
        password = initArgs.get(PASSWORD);
    }

    @Override
    public Map<String, String> start() {
        mosquitto = Mosquitto.start(username, password);
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
    }

    @Override
    public void stop() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }
}
