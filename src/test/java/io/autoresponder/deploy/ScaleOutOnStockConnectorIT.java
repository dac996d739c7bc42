package io.autoresponder.deploy;

import java.util.Map;
import java.util.UUID;

/**
 * {@link ScaleOutIT} on the stock SmallRye MQTT connector, chosen explicitly, as the Helm chart configures it with
 * {@code broker.external.connector=smallrye-mqtt}: it stays a working choice.
 */
class ScaleOutOnStockConnectorIT extends ScaleOutIT {

    @Override
    Map<String, String> environment(int instance) {
        return Map.of(
                "AUTORESPONDER_BROKER_ENABLED", "false",
                "AUTORESPONDER_RESPONDER_CONNECTOR", "smallrye-mqtt",
                "MP_MESSAGING_CONNECTOR_SMALLRYE_MQTT_HOST", "127.0.0.1",
                "MP_MESSAGING_CONNECTOR_SMALLRYE_MQTT_PORT", Integer.toString(broker.port()),
                "MP_MESSAGING_INCOMING_TEST_TOPIC", "$share/responders/test",
                "MP_MESSAGING_CONNECTOR_SMALLRYE_MQTT_CLIENT_ID", "responder-" + instance + "-" + UUID.randomUUID());
    }
}
