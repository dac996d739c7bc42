package io.autoresponder.connector;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

import io.autoresponder.connector.mqtt.MqttConnector;

/**
 * Makes {@code autoresponder.broker.enabled=false} alone switch the responder to an external broker: the default of
 * {@code autoresponder.responder.connector} follows it ({@value #EMBEDDED} with the embedded broker,
 * {@value #NETWORK} without). The default sits below {@code application.properties}, environment variables and
 * system properties, so an explicit {@code autoresponder.responder.connector} anywhere still wins (for example
 * {@code smallrye-mqtt}, the stock connector, as the {@code *OverTcpTest}s and {@code *OnMosquittoTest}s do).
 */
public class ResponderConnectorDefault implements ConfigSourceFactory {

    /** The key this factory gives a default to. */
    public static final String CONNECTOR_KEY = "autoresponder.responder.connector";
    /** The key the default follows. */
    public static final String BROKER_ENABLED_KEY = "autoresponder.broker.enabled";
    /** In-process connector attached to the embedded broker. */
    public static final String EMBEDDED = "autoresponder-embedded";
    /**
     * Our MQTT 5 connector ({@link MqttConnector}): MQTT over TCP to any broker, acknowledging requests after their
     * reply. The stock {@code smallrye-mqtt} connector stays available by setting the key explicitly.
     */
    public static final String NETWORK = MqttConnector.NAME;
    /** The stock SmallRye MQTT connector (MQTT 3.1.1 over TCP), selectable by configuration. */
    public static final String STOCK = "smallrye-mqtt";

    // application.properties in the jar has 250; a default must stay below every place an operator writes to.
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(Map.of(CONNECTOR_KEY, connectorFor(context.getValue(BROKER_ENABLED_KEY))),
                "autoresponder responder connector default", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The connector for a given {@code autoresponder.broker.enabled} value (absent means enabled). */
    static String connectorFor(ConfigValue brokerEnabled) {
        String value = brokerEnabled == null ? null : brokerEnabled.getValue();
        return value != null && value.trim().equalsIgnoreCase("false") ? NETWORK : EMBEDDED;
    }
}
