package io.autoresponder.support.brokers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

/**
 * HiveMQ CE in its own process admits an anonymous MQTT 5 client with its default limits, delivers at QoS 1 and
 * keeps a persistent session across a restart on the same port.
 */
class HiveMqTest {

    private static final String TOPIC = "hivemq-test/ping";

    @Test
    void brokerWithDefaultsDeliversAndKeepsTheSessionAcrossARestart() throws Exception {
        try (HiveMq broker = HiveMq.start()) {
            Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("hivemq-test")
                    .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();

            Mqtt5ConnAck connAck = client.connectWith().cleanStart(true).sessionExpiryInterval(300).send();

            assertThat(connAck.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            // HiveMQ CE's default server receive maximum: at most 10 unacknowledged QoS 1/2 publishes per client.
            assertThat(connAck.getRestrictions().getReceiveMaximum()).isEqualTo(10);
            client.subscribeWith().topicFilter(TOPIC).qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(roundTrip(client, "before restart")).isEqualTo("before restart");
            client.disconnect();

            broker.stop();
            assertThat(broker.acceptsConnections()).isFalse();
            broker.restart();

            Mqtt5ConnAck again = client.connectWith().cleanStart(false).sessionExpiryInterval(300).send();

            assertThat(again.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(again.isSessionPresent()).isTrue();
            // No new subscription: the one of the persisted session delivers.
            assertThat(roundTrip(client, "after restart")).isEqualTo("after restart");
            client.disconnect();
        }
    }

    private static String roundTrip(Mqtt5BlockingClient client, String payload) throws InterruptedException {
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.publishWith().topic(TOPIC).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt5Publish> received = publishes.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            assertThat(received.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            return new String(received.get().getPayloadAsBytes(), StandardCharsets.UTF_8);
        }
    }
}
