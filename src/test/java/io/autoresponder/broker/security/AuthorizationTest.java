package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.pubrec.Mqtt5PubRecReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * ACL rules from configuration, enforced on real MQTT 3.1.1 and 5.0 connections: denied PUBLISH, SUBSCRIBE, will
 * and retained messages (MQTT 5.0 reason code 0x87 Not authorized; MQTT 3.1.1 SUBACK 0x80).
 */
@QuarkusTest
@TestProfile(AuthorizationTest.Rules.class)
@WithTestResource(FreeBrokerPort.class)
class AuthorizationTest {

    static final String PASSWORD = "s3cret-for-tests";

    /** Anonymous clients may read public/#; every client has its own devices/%c/#; alice and admin have more. */
    public static class Rules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String hash = PasswordHash.create(PASSWORD);
            return Map.of("autoresponder.broker.auth.users.alice", hash,
                    "autoresponder.broker.auth.users.admin", hash,
                    "autoresponder.broker.acl.rules[0]", "topic read public/#",
                    "autoresponder.broker.acl.rules[1]", "pattern readwrite devices/%c/#",
                    "autoresponder.broker.acl.rules[2]", "user alice",
                    "autoresponder.broker.acl.rules[3]", "topic readwrite sensors/#",
                    "autoresponder.broker.acl.rules[4]", "topic deny sensors/secret/#",
                    "autoresponder.broker.acl.rules[5]", "user admin",
                    "autoresponder.broker.acl.rules[6]", "topic readwrite #");
        }
    }

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    private Mqtt5BlockingClient admin;
    private Mqtt5BlockingClient.Mqtt5Publishes seenByAdmin;

    @BeforeEach
    void adminWatchesEverything() {
        admin = v5("admin").buildBlocking();
        admin.connect();
        seenByAdmin = admin.publishes(MqttGlobalPublishFilter.ALL);
        admin.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void disconnectAdmin() {
        seenByAdmin.close();
        admin.disconnect();
    }

    @Test
    void mqtt5QoS1PublishToADeniedTopicGetsPubAckNotAuthorizedAndIsNotRouted() throws Exception {
        double before = denied("publish");
        Mqtt5BlockingClient alice = connected(v5("alice"));

        assertThatThrownBy(() -> alice.publishWith().topic("sensors/secret/key").qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("leak")).send())
                .isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(
                        e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
        alice.publishWith().topic("sensors/t1").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("21.5")).send();

        // Messages of one publisher arrive in order [MQTT-4.6.0-5]: the allowed one comes first or the denied was routed.
        assertThat(nextTopicSeenByAdmin()).isEqualTo("sensors/t1");
        assertThat(denied("publish")).isEqualTo(before + 1);
        alice.disconnect();
    }

    @Test
    void mqtt5QoS2PublishToADeniedTopicGetsPubRecNotAuthorized() {
        Mqtt5BlockingClient anonymous = connected(v5(null));

        Mqtt5PubRecReasonCode code;
        try {
            // The HiveMQ client reports an error PUBREC in the result (QoS 2 flow ends there, MQTT 5.0 section 4.3.3).
            Mqtt5PublishResult.Mqtt5Qos2Result result = (Mqtt5PublishResult.Mqtt5Qos2Result) anonymous.publishWith()
                    .topic("public/news").qos(MqttQos.EXACTLY_ONCE).payload(utf8("read-only")).send();
            code = result.getPubRec().getReasonCode();
        } catch (Mqtt5PubRecException e) {
            code = e.getMqttMessage().getReasonCode();
        }
        assertThat(code).isEqualTo(Mqtt5PubRecReasonCode.NOT_AUTHORIZED);
        anonymous.disconnect();
    }

    @Test
    void mqtt311PublishToADeniedTopicIsAcknowledgedAsUsualButDropped() throws Exception {
        Mqtt3BlockingClient alice = v3("alice", "alice-" + UUID.randomUUID());

        alice.publishWith().topic("sensors/secret/key").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("leak")).send();
        alice.publishWith().topic("sensors/secret/key").qos(MqttQos.EXACTLY_ONCE).payload(utf8("leak")).send();
        alice.publishWith().topic("sensors/t2").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("19.0")).send();

        assertThat(nextTopicSeenByAdmin()).isEqualTo("sensors/t2");
        alice.disconnect();
    }

    @Test
    void mqtt5SubscribeOutsideTheGrantsGetsSubAckNotAuthorized() {
        double before = denied("subscribe");
        Mqtt5BlockingClient alice = connected(v5("alice"));

        assertThatThrownBy(() -> alice.subscribeWith().topicFilter("other/#").send())
                .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(
                        e.getMqttMessage().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
        assertThat(alice.subscribeWith().topicFilter("sensors/+").qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes())
                .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
        assertThat(denied("subscribe")).isEqualTo(before + 1);
        alice.disconnect();
    }

    @Test
    void mqtt311SubscribeOutsideTheGrantsGetsSubAckFailure() {
        // [MQTT-3.9.3-2]: 0x80 is the only failure return code of MQTT 3.1.1.
        Mqtt3BlockingClient anonymous = MqttClient.builder().useMqttVersion3().identifier("anon-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        anonymous.connect();

        assertThatThrownBy(() -> anonymous.subscribeWith().topicFilter("sensors/#").send())
                .isInstanceOfSatisfying(Mqtt3SubAckException.class, e -> assertThat(
                        e.getMqttMessage().getReturnCodes()).containsExactly(Mqtt3SubAckReturnCode.FAILURE));
        anonymous.disconnect();
    }

    @Test
    void subscriptionWiderThanTheGrantsIsGrantedButDeliversOnlyGrantedTopics() throws Exception {
        Mqtt5BlockingClient alice = connected(v5("alice"));
        try (Mqtt5BlockingClient.Mqtt5Publishes received = alice.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(alice.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

            admin.publishWith().topic("public/news").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("not for alice")).send();
            admin.publishWith().topic("sensors/secret/key").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("denied")).send();
            admin.publishWith().topic("sensors/t3").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("for alice")).send();

            Optional<Mqtt5Publish> first = received.receive(5, TimeUnit.SECONDS);
            assertThat(first).isPresent();
            assertThat(first.get().getTopic().toString()).isEqualTo("sensors/t3");
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void retainedMessagesOnDeniedTopicsAreNotDeliveredOnSubscribe() throws Exception {
        String id = UUID.randomUUID().toString();
        admin.publishWith().topic("sensors/secret/" + id).retain(true).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("no")).send();
        admin.publishWith().topic("sensors/open/" + id).retain(true).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("yes")).send();
        Mqtt5BlockingClient alice = connected(v5("alice"));
        try (Mqtt5BlockingClient.Mqtt5Publishes received = alice.publishes(MqttGlobalPublishFilter.ALL)) {
            alice.subscribeWith().topicFilter("sensors/+/" + id).qos(MqttQos.AT_LEAST_ONCE).send();

            Optional<Mqtt5Publish> first = received.receive(5, TimeUnit.SECONDS);
            assertThat(first).isPresent();
            assertThat(first.get().getTopic().toString()).isEqualTo("sensors/open/" + id);
            // A live message after the retained ones: the denied retained message would have come before it.
            admin.publishWith().topic("sensors/open/" + id).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("live")).send();
            Optional<Mqtt5Publish> next = received.receive(5, TimeUnit.SECONDS);
            assertThat(next).isPresent();
            assertThat(new String(next.get().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("live");
        } finally {
            admin.publishWith().topic("sensors/secret/" + id).retain(true).payload(new byte[0]).send();
            admin.publishWith().topic("sensors/open/" + id).retain(true).payload(new byte[0]).send();
            alice.disconnect();
        }
    }

    @Test
    void mqtt5WillOnATopicTheClientMayNotPublishRefusesTheConnectWithNotAuthorized() {
        double before = denied("will");
        Mqtt5BlockingClient withWill = v5("alice").willPublish().topic("sensors/secret/will").payload(utf8("bye"))
                .applyWillPublish().buildBlocking();

        assertThatThrownBy(withWill::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(
                e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
        assertThat(denied("will")).isEqualTo(before + 1);
    }

    @Test
    void mqtt311WillOnATopicTheClientMayNotPublishRefusesTheConnectWithNotAuthorized() {
        Mqtt3BlockingClient withWill = MqttClient.builder().useMqttVersion3().identifier("will-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).willPublish().topic("public/will").payload(utf8("bye"))
                .applyWillPublish().buildBlocking();

        assertThatThrownBy(withWill::connect).isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(
                e.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED));
    }

    @Test
    void clientIdPatternGrantsOnlyTheClientsOwnSubtree() throws Exception {
        Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("dev-1").serverHost("127.0.0.1")
                .serverPort(port).buildBlocking();
        device.connect();

        assertThatThrownBy(() -> device.publishWith().topic("devices/dev-2/state").qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("spoof")).send()).isInstanceOf(Mqtt5PubAckException.class);
        device.publishWith().topic("devices/dev-1/state").qos(MqttQos.AT_LEAST_ONCE).payload(utf8("on")).send();

        assertThat(nextTopicSeenByAdmin()).isEqualTo("devices/dev-1/state");
        device.disconnect();
    }

    @Test
    void clientIdWithAWildcardGetsNothingFromThePattern() {
        // devices/%c/# with client id "+" must not become devices/+/# (Mosquitto denies such clients too).
        Mqtt5BlockingClient wildcard = MqttClient.builder().useMqttVersion5().identifier("+").serverHost("127.0.0.1")
                .serverPort(port).buildBlocking();
        wildcard.connect();

        assertThatThrownBy(() -> wildcard.subscribeWith().topicFilter("devices/+/#").send())
                .isInstanceOf(Mqtt5SubAckException.class);
        assertThatThrownBy(() -> wildcard.publishWith().topic("devices/dev-1/state").qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("spoof")).send()).isInstanceOf(Mqtt5PubAckException.class);
        wildcard.disconnect();
    }

    private String nextTopicSeenByAdmin() throws InterruptedException {
        Optional<Mqtt5Publish> next = seenByAdmin.receive(5, TimeUnit.SECONDS);
        assertThat(next).as("a message reached the admin").isPresent();
        return next.get().getTopic().toString();
    }

    private Mqtt5ClientBuilder v5(String user) {
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5().identifier("acl-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port);
        return user == null ? builder : builder.simpleAuth().username(user).password(utf8(PASSWORD)).applySimpleAuth();
    }

    private Mqtt3BlockingClient v3(String user, String clientId) {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("127.0.0.1")
                .serverPort(port).simpleAuth().username(user).password(utf8(PASSWORD)).applySimpleAuth().buildBlocking();
        client.connect();
        return client;
    }

    private static Mqtt5BlockingClient connected(Mqtt5ClientBuilder builder) {
        Mqtt5BlockingClient client = builder.buildBlocking();
        client.connect();
        return client;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static double denied(String action) {
        return PrometheusText.sample("autoresponder_broker_acl_denied_total{action=\"" + action + "\"}");
    }
}
