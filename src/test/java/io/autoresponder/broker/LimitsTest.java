package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;

/** Configured limits refuse with the MQTT 5 reason code for it, and never affect other clients. */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
@WithTestResource(FreeBrokerPort.class)
class LimitsTest {

    /** Tiny limits to reach them quickly. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoresponder.broker.max-connections", "2",
                    "autoresponder.broker.max-subscriptions-per-client", "2",
                    "autoresponder.broker.max-topic-levels", "4");
        }
    }

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void connectionBeyondTheLimitIsRefusedWithQuotaExceeded() {
        Mqtt5BlockingClient first = Mqtt.v5(port);
        Mqtt5BlockingClient second = Mqtt.v5(port);
        try {
            Mqtt5BlockingClient third = MqttClient.builder().useMqttVersion5().identifier("limit-" + UUID.randomUUID())
                    .serverHost("127.0.0.1").serverPort(port).buildBlocking();

            assertThatThrownBy(third::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, refused -> assertThat(
                    refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.QUOTA_EXCEEDED));
        } finally {
            first.disconnect();
            second.disconnect();
        }
    }

    @Test
    void subscriptionBeyondTheLimitIsRefusedAndResubscribingStillWorks() {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try {
            client.subscribeWith().topicFilter("limits/a").qos(MqttQos.AT_LEAST_ONCE).send();
            client.subscribeWith().topicFilter("limits/b").qos(MqttQos.AT_LEAST_ONCE).send();

            assertThatThrownBy(() -> client.subscribeWith().topicFilter("limits/c").qos(MqttQos.AT_LEAST_ONCE).send())
                    .isInstanceOfSatisfying(Mqtt5SubAckException.class, refused -> assertThat(
                            refused.getMqttMessage().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.QUOTA_EXCEEDED));
            client.subscribeWith().topicFilter("limits/a").qos(MqttQos.EXACTLY_ONCE).send();
            client.unsubscribeWith().topicFilter("limits/b").send();
            client.subscribeWith().topicFilter("limits/c").qos(MqttQos.AT_LEAST_ONCE).send();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void topicsDeeperThanTheLimitAreInvalid() {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        assertThatThrownBy(() -> client.subscribeWith().topicFilter("a/b/c/d/e").qos(MqttQos.AT_LEAST_ONCE).send())
                .isInstanceOfSatisfying(Mqtt5SubAckException.class, refused -> assertThat(
                        refused.getMqttMessage().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID));

        client.publishWith().topic("a/b/c/d/e").qos(MqttQos.AT_MOST_ONCE).send();

        await().atMost(Duration.ofSeconds(5)).until(() -> !client.getState().isConnected());
    }
}
