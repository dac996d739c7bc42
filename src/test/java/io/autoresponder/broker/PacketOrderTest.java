package io.autoresponder.broker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.HealthPaths;
import io.autoresponder.support.LogCapture;
import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.Packet;
import io.autoresponder.support.wire.Packets;
import io.autoresponder.support.wire.Wire;
import io.autoresponder.support.wire.RawMqtt5Socket;
import io.autoresponder.support.wire.RawMqttSocket;

/**
 * The order of packets on a connection (MQTT 3.1.1 sections 3.1 and 3.1.4, MQTT 5.0 section 3.1.4): CONNECT
 * first and once, packets sent before the CONNACK handled after it, and every breach of the order closed,
 * counted by kind, never logged at ERROR and never leaving the connection registered. Own application instance,
 * so the connection count starts from zero and only this test moves it.
 */
@QuarkusTest
@TestProfile(PacketOrderTest.Isolated.class)
@WithTestResource(FreeBrokerPort.class)
class PacketOrderTest {

    /** Separate application instance for this test. */
    public static class Isolated implements QuarkusTestProfile {
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CONNACK = 2;
    private static final int SUBACK = 9;
    private static final int PINGRESP = 13;
    private static final int DISCONNECT = 14;
    private static final byte[] PINGREQ = { (byte) 0xC0, 0x00 };

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Inject
    EmbeddedBroker broker;

    private final Packets v311 = new Packets(Packets.V311);
    private LogCapture errors;

    @BeforeEach
    void readyAndCapturing() {
        await().atMost(WAIT).untilAsserted(() -> given().get(HealthPaths.READY).then().statusCode(200));
        errors = LogCapture.errors();
    }

    @AfterEach
    void noErrorLogged() {
        errors.close();
        assertThat(errors.lines()).as("a client's fault is not logged at ERROR").isEmpty();
    }

    // The registration leak: Vert.x made a new endpoint of the refused CONNECT, and the close never reached the
    // registered one, which stayed in the registry and the gauge.
    @Test
    void aSecondConnectWithAnUnsupportedProtocolLevelClosesTheConnectionAndLeavesNoRegistration() throws Exception {
        double secondConnects = faults("second_connect");
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect("order-" + UUID.randomUUID())).isZero();
            assertThat(broker.connectionCount()).isEqualTo(1);

            raw.send(withProtocolLevel(v311.connect("again").bytes(), 7));

            assertThat(raw.closedByPeer()).isTrue();
        }
        awaitNoConnection();
        assertThat(faults("second_connect")).isEqualTo(secondConnects + 1);
    }

    @Test
    void aSecondValidConnectClosesTheConnection_MQTT_3_1_0_2() throws Exception {
        double secondConnects = faults("second_connect");
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect("order-" + UUID.randomUUID())).isZero();

            raw.send(v311.connect("again").bytes());

            assertThat(raw.closedByPeer()).isTrue();
        }
        awaitNoConnection();
        assertThat(faults("second_connect")).isEqualTo(secondConnects + 1);
    }

    @Test
    void anMqtt5SecondConnectIsAnsweredWithDisconnectProtocolError() throws Exception {
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            assertThat(raw.connect("order-" + UUID.randomUUID()).reasonCode()).isZero();

            raw.send(new Packets(Packets.V5).connect("again").bytes());

            assertThat(raw.awaitDisconnect().reasonCode()).isEqualTo(0x82);
        }
        awaitNoConnection();
    }

    @Test
    void packetsSentBeforeTheConnackAreHandledAfterIt_MQTT_3_1_4() throws Exception {
        String topic = "order/" + UUID.randomUUID();
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            // One write: CONNECT, SUBSCRIBE and PINGREQ reach the broker in the same read.
            raw.send(Wire.concat(v311.connect("order-" + UUID.randomUUID()).bytes(), v311.subscribe(1, topic, 1), PINGREQ));

            Packet connack = raw.readPacket();
            assertThat(connack.type()).isEqualTo(CONNACK);
            assertThat(connack.body()[1]).as("return code").isZero();
            // Both answered; their order is free (SUBACK waits for the session, PINGRESP does not).
            Packet first = raw.readPacket();
            Packet second = raw.readPacket();
            assertThat(java.util.List.of(first.type(), second.type())).containsExactlyInAnyOrder(SUBACK, PINGRESP);
            Packet suback = first.type() == SUBACK ? first : second;
            assertThat(suback.body()[2]).as("granted QoS").isEqualTo((byte) 1);
            assertThat(raw.ping()).as("the connection stays open").isTrue();
        }
        awaitNoConnection();
    }

    @Test
    void aPacketBeforeConnectClosesTheConnection_MQTT_3_1_0_1() throws Exception {
        double before = faults("packet_before_connect");
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.send(PINGREQ);

            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(faults("packet_before_connect")).isEqualTo(before + 1);
    }

    @Test
    void bytesThatAreNoMqttPacketCloseTheConnectionAsMalformed() throws Exception {
        double before = faults("malformed_packet");
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            // Packet type 0 is reserved (MQTT 3.1.1 section 2.2.1): the decoder refuses it.
            raw.send(new byte[] { 0x00, 0x02, 0x01, 0x02 });

            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(faults("malformed_packet")).isEqualTo(before + 1);
    }

    @Test
    void aPacketOnlyServersSendClosesAnMqtt5ConnectionWithProtocolError() throws Exception {
        double before = faults("unexpected_packet_type");
        try (RawMqtt5Socket raw = new RawMqtt5Socket(port)) {
            assertThat(raw.connect("order-" + UUID.randomUUID()).reasonCode()).isZero();

            raw.send(new byte[] { (byte) 0xD0, 0x00 }); // PINGRESP

            assertThat(raw.awaitDisconnect().reasonCode()).isEqualTo(0x82);
        }
        awaitNoConnection();
        assertThat(faults("unexpected_packet_type")).isEqualTo(before + 1);
    }

    @Test
    void packetsSentAfterTheBrokerClosedTheConnectionAreNotRead() throws Exception {
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            assertThat(raw.connect("order-" + UUID.randomUUID())).isZero();

            // An invalid topic closes the connection; the PINGREQs behind it in the same read are dropped unread.
            raw.send(Wire.concat(RawMqttSocket.publish("a/+", new byte[] { 1 }), PINGREQ, PINGREQ, PINGREQ));

            assertThat(raw.closedByPeer()).isTrue();
        }
        awaitNoConnection();
    }

    @Test
    void aFloodOfPacketsBeforeTheConnackIsRefused() throws Exception {
        double before = faults("too_many_packets_before_connack");
        // Far more than the 256 packets the broker holds for a connection between CONNECT and CONNACK.
        byte[][] parts = new byte[2_001][];
        parts[0] = v311.connect("order-" + UUID.randomUUID()).bytes();
        for (int i = 1; i < parts.length; i++) {
            parts[i] = PINGREQ;
        }
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.send(Wire.concat(parts));

            assertThat(raw.closedByPeer()).isTrue();
        }
        awaitNoConnection();
        assertThat(faults("too_many_packets_before_connack")).isEqualTo(before + 1);
    }

    private void awaitNoConnection() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(broker.connectionCount()).as("registered connections").isZero();
            assertThat(PrometheusText.sample("autoresponder_broker_connections")).as("gauge").isZero();
        });
    }

    private static double faults(String kind) {
        return PrometheusText.sample("autoresponder_broker_protocol_errors_total{kind=\"" + kind + "\"}");
    }

    /** A CONNECT with another protocol level (byte 8 of a CONNECT with a one-byte remaining length). */
    private static byte[] withProtocolLevel(byte[] connect, int level) {
        byte[] changed = connect.clone();
        changed[8] = (byte) level;
        return changed;
    }

}
