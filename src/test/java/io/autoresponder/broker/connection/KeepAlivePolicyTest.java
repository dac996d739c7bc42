package io.autoresponder.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/** Which keep-alive a client is held to under {@code autoresponder.broker.max-keep-alive}. */
class KeepAlivePolicyTest {

    @ParameterizedTest(name = "{0}: asked {1}s, maximum {2}s, MQTT 5 {3} -> {4}s, refused {5}, Server Keep Alive {6}")
    @CsvSource({
            "no maximum honours the client [MQTT-3.2.2-22],        60,  0, true,  60, false, false",
            "no maximum honours keep-alive 0,                       0,  0, true,   0, false, false",
            "within the maximum is the client's,                   30, 60, true,  30, false, false",
            "equal to the maximum is the client's,                 60, 60, true,  60, false, false",
            "MQTT 5 beyond the maximum is told it [MQTT-3.2.2-21], 120, 60, true,  60, false, true",
            "MQTT 5 without keep-alive is told the maximum,         0, 60, true,  60, false, true",
            "MQTT 3.1.1 beyond the maximum is refused,            120, 60, false, 60, true,  false",
            "MQTT 3.1.1 without keep-alive is refused,              0, 60, false, 60, true,  false",
            "MQTT 3.1.1 within the maximum is the client's,        30, 60, false, 30, false, false",
    })
    void decide(String name, int requested, int maximum, boolean mqtt5, int effective, boolean refused,
            boolean serverKeepAlive) {
        KeepAlivePolicy policy = KeepAlivePolicy.decide(requested, maximum, mqtt5);

        assertThat(policy.effective()).isEqualTo(effective);
        assertThat(policy.refused()).isEqualTo(refused);
        MqttProperties.MqttProperty<?> sent = policy.addTo(new MqttProperties())
                .getProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value());
        if (serverKeepAlive) {
            assertThat(sent).isNotNull();
            assertThat(sent.value()).isEqualTo(effective);
        } else if (!refused) {
            assertThat(sent).isNull();
        }
    }
}
