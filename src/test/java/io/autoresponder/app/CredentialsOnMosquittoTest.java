package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Replies;
import io.autoresponder.support.brokers.MosquittoBroker;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MosquittoProfile;

/**
 * Against a Mosquitto that admits only one user, the service authenticates with
 * {@code mp.messaging.connector.smallrye-mqtt.username} and {@code .password} (the stock connector) and answers
 * as usual.
 */
@QuarkusTest
@TestProfile(CredentialsOnMosquittoTest.OnlyOneUser.class)
@ExtendWith(RequiresMosquitto.class)
class CredentialsOnMosquittoTest {

    static final String USER = "responder";
    static final String PASSWORD = "s3cret-" + UUID.randomUUID();

    /**
     * A broker with a password file; the resource passes the same credentials to the service. On the stock
     * connector here, the default one in {@link CredentialsOnMqttConnectorTest}.
     */
    public static class OnlyOneUser implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MosquittoBroker.class,
                    Map.of(MosquittoBroker.USERNAME, USER, MosquittoBroker.PASSWORD, PASSWORD)));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return MosquittoProfile.STOCK_CONNECTOR;
        }
    }

    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    @Test
    void theBrokerRefusesAnonymousClients() {
        Mqtt5BlockingClient anonymous = MqttClient.builder().useMqttVersion5().identifier("anon-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();

        try {
            anonymous.connect();
            anonymous.disconnect();
            throw new AssertionError("an anonymous client was admitted: the credentials below would prove nothing");
        } catch (Mqtt5ConnAckException refused) {
            assertThat(refused.getMqttMessage().getReasonCode().isError()).isTrue();
        }
    }

    @Test
    void theServiceAuthenticatesAndAnswers() throws Exception {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier("test-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).simpleAuth().username(USER)
                .password(PASSWORD.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().buildBlocking();
        client.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("other").qos(MqttQos.AT_LEAST_ONCE).send();
            String id = UUID.randomUUID().toString();
            client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(SeedScenarioTest.seed(id)).send();

            JsonNode reply = Replies.replyWithId(publishes, id);

            SeedScenarioTest.assertSeedReply(reply, id);
        } finally {
            client.disconnect();
        }
    }
}
