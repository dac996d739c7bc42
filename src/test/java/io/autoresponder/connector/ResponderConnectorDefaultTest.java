package io.autoresponder.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * One key switches to an external broker: {@code autoresponder.broker.enabled=false} makes the responder use the
 * network connector autoresponder-mqtt, and an explicit {@code autoresponder.responder.connector} still wins.
 */
class ResponderConnectorDefaultTest {

    @ParameterizedTest(name = "broker.enabled={0}, connector set to {1} -> {2}")
    @CsvSource(nullValues = "unset", value = {
            "unset, unset, autoresponder-embedded",
            "true,  unset, autoresponder-embedded",
            "false, unset, autoresponder-mqtt",
            "FALSE, unset, autoresponder-mqtt",
            "false, smallrye-mqtt, smallrye-mqtt",
            "true,  smallrye-mqtt, smallrye-mqtt",
            "false, autoresponder-embedded, autoresponder-embedded",
    })
    void connectorFollowsTheBrokerSwitchUnlessSetExplicitly(String brokerEnabled, String connector, String expected) {
        Map<String, String> operator = new HashMap<>();
        if (brokerEnabled != null) {
            operator.put("autoresponder.broker.enabled", brokerEnabled);
        }
        if (connector != null) {
            operator.put("autoresponder.responder.connector", connector);
        }
        // Ordinal 250: where application.properties sits; environment variables and system properties are higher.
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(operator, "operator", 250))
                .withSources(new ResponderConnectorDefault())
                .build();

        assertThat(config.getValue("autoresponder.responder.connector", String.class)).isEqualTo(expected);
    }
}
