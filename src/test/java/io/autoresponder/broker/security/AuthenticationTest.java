package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.wire.Packet;
import io.autoresponder.support.wire.Packets;
import io.autoresponder.support.wire.Wire;
import io.autoresponder.support.wire.RawMqttSocket;

/** Username/password authentication with anonymous access turned off (MQTT 3.1.1 3.1.3.4, MQTT 5.0 3.2.2.2). */
@QuarkusTest
@TestProfile(AuthenticationTest.UsersOnly.class)
@WithTestResource(FreeBrokerPort.class)
class AuthenticationTest {

    static final String PASSWORD = "correct horse battery staple";

    /** Anonymous off, one user. */
    public static class UsersOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.broker.auth.anonymous", "false",
                    "autoresponder.broker.auth.users.alice", PasswordHash.create(PASSWORD));
        }
    }

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @jakarta.inject.Inject
    io.autoresponder.broker.EmbeddedBroker broker;

    // The password check runs on a worker thread, so the CONNACK comes later than the packets behind the CONNECT:
    // they are held and handled after it (MQTT 3.1.1 section 3.1.4).
    @Test
    void packetsSentWhileThePasswordIsCheckedAreHandledAfterTheConnack() throws Exception {
        Packets v311 = new Packets(Packets.V311);
        try (RawMqttSocket raw = new RawMqttSocket(port)) {
            raw.send(Wire.concat(v311.connect("auth-" + UUID.randomUUID()).credentials("alice", PASSWORD).bytes(),
                    v311.subscribe(1, "auth/" + UUID.randomUUID(), 1)));

            Packet connack = raw.readPacket();
            assertThat(connack.type()).isEqualTo(2);
            assertThat(connack.body()[1]).as("return code").isZero();
            assertThat(raw.readPacket().type()).as("SUBACK").isEqualTo(9);
        }
    }


    @Test
    void rightPasswordConnects() {
        Mqtt5BlockingClient client = v5Builder().simpleAuth().username("alice")
                .password(PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();
        client.connect();
        assertThat(client.getState().isConnected()).isTrue();
        client.disconnect();
    }

    @Test
    void wrongPasswordIsRefusedWithBadUserNameOrPasswordAndCounted() {
        double before = refused("bad_username_or_password");
        Mqtt5BlockingClient client = v5Builder().simpleAuth().username("alice")
                .password("wrong".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();

        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
        assertThat(refused("bad_username_or_password")).isEqualTo(before + 1);
    }

    @Test
    void unknownUserIsRefusedLikeAWrongPassword() {
        Mqtt5BlockingClient client = v5Builder().simpleAuth().username("mallory")
                .password(PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();

        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    }

    // The CONNACK refusal says why in a Reason String (MQTT 5.0 section 3.2.2.3.9).
    @Test
    void anonymousMqtt5ClientIsNotAuthorized() {
        Mqtt5BlockingClient client = v5Builder().buildBlocking();

        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> {
            assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
            assertThat(refused.getMqttMessage().getReasonString().map(Object::toString)).hasValue("not authorized");
        });
    }

    @Test
    void mqtt311ClientsGetTheirOwnReturnCodes() {
        Mqtt3BlockingClient wrong = MqttClient.builder().useMqttVersion3().identifier("auth-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).simpleAuth().username("alice")
                .password("wrong".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();
        Mqtt3BlockingClient anonymous = MqttClient.builder().useMqttVersion3().identifier("auth-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();

        assertThatThrownBy(wrong::connect).isInstanceOfSatisfying(Mqtt3ConnAckException.class, refused -> assertThat(
                refused.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
        assertThatThrownBy(anonymous::connect).isInstanceOfSatisfying(Mqtt3ConnAckException.class, refused -> assertThat(
                refused.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED));
    }

    private com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder v5Builder() {
        return MqttClient.builder().useMqttVersion5().identifier("auth-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(port);
    }

    private static double refused(String reason) {
        return PrometheusText.sample("autoresponder_broker_connections_refused_total{reason=\"" + reason + "\"}");
    }
}
