package io.autoresponder.broker.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/** When a refusal carries a Reason String, and what it may contain. */
class ReasonStringsTest {

    private static final String WHY = "topic filter invalid";

    @Test
    void mqtt5ClientGetsReasonStringsOnEveryRefusalByDefault() {
        ReasonStrings reasons = ReasonStrings.of(5, MqttProperties.NO_PROPERTIES);

        assertThat(reasonOf(reasons.onAcknowledgement(WHY))).isEqualTo(WHY);
        assertThat(reasonOf(reasons.onConnackOrDisconnect(WHY))).isEqualTo(WHY);
    }

    // [MQTT-3.1.2-29]: Request Problem Information 0 leaves reason strings to CONNACK and DISCONNECT.
    @Test
    void clientThatRequestsNoProblemInformationGetsThemOnlyOnConnackAndDisconnect() {
        MqttProperties connect = new MqttProperties();
        connect.add(new MqttProperties.IntegerProperty(MqttPropertyType.REQUEST_PROBLEM_INFORMATION.value(), 0));
        ReasonStrings reasons = ReasonStrings.of(5, connect);

        assertThat(reasonOf(reasons.onAcknowledgement(WHY))).isNull();
        assertThat(reasonOf(reasons.onConnackOrDisconnect(WHY))).isEqualTo(WHY);
    }

    @Test
    void mqtt311ClientGetsNoProperties() {
        ReasonStrings reasons = ReasonStrings.of(4, null);

        assertThat(reasons.onAcknowledgement(WHY)).isSameAs(MqttProperties.NO_PROPERTIES);
        assertThat(reasons.onConnackOrDisconnect(WHY)).isSameAs(MqttProperties.NO_PROPERTIES);
    }

    // [MQTT-3.2.2-19], [MQTT-3.4.2-2]: the reason string is left out rather than exceed the client's Maximum Packet Size.
    @Test
    void reasonStringIsLeftOutWhenThePacketWouldExceedTheClientsMaximumPacketSize() {
        MqttProperties connect = new MqttProperties();
        connect.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), 64));
        ReasonStrings reasons = ReasonStrings.of(5, connect);

        assertThat(reasonOf(reasons.onConnackOrDisconnect(WHY))).isNull();
    }

    // [MQTT-1.5.4-2]: a reason quoting a client's bad topic must still be a well-formed MQTT string.
    @Test
    void controlCharactersAndUnpairedSurrogatesAreReplacedAndLongReasonsCut() {
        assertThat(ReasonStrings.clean("a\u0000b\u001Fc\uD800d\uFFFD")).isEqualTo("a?b?c?d?");
        assertThat(ReasonStrings.clean("测试 \uD83D\uDE00")).isEqualTo("测试 \uD83D\uDE00");
        assertThat(ReasonStrings.clean("x".repeat(1000))).hasSize(ReasonStrings.MAX_LENGTH);
    }

    private static String reasonOf(MqttProperties properties) {
        MqttProperties.MqttProperty<?> reason = properties.getProperty(MqttPropertyType.REASON_STRING.value());
        return reason == null ? null : (String) reason.value();
    }
}
