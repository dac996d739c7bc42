package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.RawMqtt5Socket;

/**
 * MQTT 5 Reason Strings on refusals: SUBACK and PUBACK carry one unless the client set Request Problem Information
 * to 0 [MQTT-3.1.2-29]; a server DISCONNECT carries one either way.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class ReasonStringTest {

    /** Valid per the spec, but deeper than the default {@code max-topic-levels} of 64. */
    private static final String TOO_DEEP = "deep" + "/x".repeat(64);
    private static final byte[] NOT_UTF8 = { 'o', 'k', (byte) 0xC3, 0x28 };

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void subackFailureCarriesAReasonStringSayingWhy() {
        Optional<String> reason = subscribeTooDeep(client(true));

        assertThat(reason).hasValueSatisfying(text -> assertThat(text).contains("max-topic-levels"));
    }

    // [MQTT-3.1.2-29]
    @Test
    void subackFailureCarriesNoReasonStringWhenTheClientRequestedNoProblemInformation() {
        assertThat(subscribeTooDeep(client(false))).isEmpty();
    }

    @Test
    void pubackErrorCarriesAReasonStringSayingWhy() {
        assertThat(publishNotUtf8(client(true))).hasValueSatisfying(text -> assertThat(text).contains("UTF-8"));
    }

    // [MQTT-3.1.2-29]
    @Test
    void pubackErrorCarriesNoReasonStringWhenTheClientRequestedNoProblemInformation() {
        assertThat(publishNotUtf8(client(false))).isEmpty();
    }

    // MQTT 5.0 section 3.5.2.1: a PUBREC reason code >= 0x80 ends the QoS 2 flow; Vert.x 4.5 drops the code, so
    // the broker writes this PUBREC itself (PubRecWithReason).
    @Test
    void refusedQos2MessageGetsPubRecWithTheReasonCodeAndAReasonString() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("reason-" + UUID.randomUUID());

            raw.publishQos2("reasons/qos2", 1, NOT_UTF8, RawMqtt5Socket.properties()
                    .oneByte(RawMqtt5Socket.PAYLOAD_FORMAT_INDICATOR, 1).build());

            RawMqtt5Socket.PubRec pubRec = raw.awaitPubRec();
            assertThat(pubRec).as("PUBREC").isNotNull();
            assertThat(pubRec.packetId()).isEqualTo(1);
            assertThat(pubRec.reasonCode()).isEqualTo(0x99);
            assertThat((String) pubRec.properties().get(RawMqtt5Socket.REASON_STRING)).contains("UTF-8");
            assertThat(raw.ping()).as("the connection stays open").isTrue();
        }
    }

    // [MQTT-3.1.2-29] allows a reason string on DISCONNECT whatever the client asked for.
    @Test
    void serverDisconnectCarriesAReasonStringEvenWithoutProblemInformationRequested() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("reason-" + UUID.randomUUID(), 60,
                    RawMqtt5Socket.properties().oneByte(RawMqtt5Socket.REQUEST_PROBLEM_INFORMATION, 0).build());

            raw.publish("reasons/alias", 0, new byte[0]);

            RawMqtt5Socket.Disconnect disconnect = raw.awaitDisconnect();
            assertThat(disconnect).isNotNull();
            assertThat(disconnect.reasonCode()).isEqualTo(0x94);
            assertThat((String) disconnect.properties().get(RawMqtt5Socket.REASON_STRING)).contains("topic alias 0");
        }
    }

    private Optional<String> subscribeTooDeep(Mqtt5BlockingClient client) {
        try {
            Throwable refused = catchThrowable(
                    () -> client.subscribeWith().topicFilter(TOO_DEEP).qos(MqttQos.AT_LEAST_ONCE).send());
            assertThat(refused).isInstanceOf(Mqtt5SubAckException.class);
            Mqtt5SubAckException suback = (Mqtt5SubAckException) refused;
            assertThat(suback.getMqttMessage().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
            return suback.getMqttMessage().getReasonString().map(MqttUtf8String::toString);
        } finally {
            client.disconnect();
        }
    }

    private Optional<String> publishNotUtf8(Mqtt5BlockingClient client) {
        try {
            Throwable refused = catchThrowable(() -> client.publishWith()
                    .topic("reasons/" + UUID.randomUUID()).qos(MqttQos.AT_LEAST_ONCE)
                    .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8).payload(NOT_UTF8).send());
            assertThat(refused).isInstanceOf(Mqtt5PubAckException.class);
            Mqtt5PubAckException puback = (Mqtt5PubAckException) refused;
            assertThat(puback.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
            return puback.getMqttMessage().getReasonString().map(MqttUtf8String::toString);
        } finally {
            client.disconnect();
        }
    }

    private Mqtt5BlockingClient client(boolean requestProblemInformation) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("reason-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client.connectWith().restrictions().requestProblemInformation(requestProblemInformation).applyRestrictions()
                .send();
        return client;
    }
}
