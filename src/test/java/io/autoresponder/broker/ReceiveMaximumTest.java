package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.RawMqtt5Socket;

/**
 * Inbound flow control (MQTT 5.0 section 4.9): the broker announces a Receive Maximum in CONNACK and holds clients
 * to it. QoS 2 messages count until PUBCOMP, so a client that never sends PUBREL reaches the limit.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class ReceiveMaximumTest {

    private static final byte[] PAYLOAD = "m".getBytes(StandardCharsets.UTF_8);

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @ConfigProperty(name = "autoresponder.broker.receive-maximum")
    int receiveMaximum;

    // MQTT 5.0 section 3.3.4: more unacknowledged QoS 1/2 PUBLISH packets than Receive Maximum is DISCONNECT 0x93.
    @Test
    void oneQos2MessageBeyondTheReceiveMaximumEndsTheConnectionWith0x93() throws Exception {
        String topic = "receive-maximum/" + UUID.randomUUID();
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            raw.connect("receive-max-" + UUID.randomUUID());
            for (int packetId = 1; packetId <= receiveMaximum; packetId++) {
                raw.publishQos2(topic, packetId, PAYLOAD, new byte[0]);
            }
            for (int i = 0; i < receiveMaximum; i++) {
                RawMqtt5Socket.PubRec pubRec = raw.awaitPubRec();
                assertThat(pubRec).as("PUBREC %d of %d", i + 1, receiveMaximum).isNotNull();
                assertThat(pubRec.reasonCode()).isLessThan(0x80);
            }
            assertThat(raw.ping()).as("at the limit, still connected").isTrue();

            raw.publishQos2(topic, receiveMaximum + 1, PAYLOAD, new byte[0]);

            RawMqtt5Socket.Disconnect disconnect = raw.awaitDisconnect();
            assertThat(disconnect).as("DISCONNECT").isNotNull();
            assertThat(disconnect.reasonCode()).isEqualTo(0x93);
        }
    }
}
