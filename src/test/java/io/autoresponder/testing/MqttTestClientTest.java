package io.autoresponder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The helper users test their handlers with, against this project's built-in responder. */
@QuarkusTest
@WithTestResource(EmbeddedBrokerPort.class)
class MqttTestClientTest {

    @Test
    void aRequestGetsItsReplyOnTheClientsOwnResponseTopic() {
        try (MqttTestClient client = MqttTestClient.connect()) {
            MqttTestClient.Reply reply = client.request("test", "{\"talk\":\"hi\",\"name\":\"helper\",\"seq\":1}");

            assertThat(reply.text()).contains("\"reply\":\"Hello helper, you said: hi\"").contains("\"seq\":1");
            assertThat(reply.topic()).startsWith("autoresponder-test/").endsWith("/inbox");
            assertThat(reply.correlationData()).isPresent();
        }
    }

    @Test
    void aSubscriptionSeesDeadLettersAndRepliesSentElsewhere() {
        try (MqttTestClient client = MqttTestClient.connect()) {
            MqttTestClient.Subscription deadLetters = client.subscribe("other/errors");
            MqttTestClient.Subscription other = client.subscribe("other");
            String marker = java.util.UUID.randomUUID().toString();

            client.publish("test", "not json " + marker);
            client.publish("test", "{\"talk\":\"" + marker + "\",\"name\":\"n\"}");

            assertThat(deadLetters.await(letter -> letter.text().contains(marker)).text())
                    .contains("\"reason\":\"not_json\"");
            assertThat(other.await(reply -> reply.text().contains(marker)).topic()).isEqualTo("other");
        }
    }

    @Test
    void repliesMayBeAwaitedInAnyOrderNoneIsLostBySkippingIt() {
        try (MqttTestClient client = MqttTestClient.connect()) {
            MqttTestClient.Subscription other = client.subscribe("other");
            String first = java.util.UUID.randomUUID().toString();
            String second = java.util.UUID.randomUUID().toString();

            client.publish("test", "{\"talk\":\"" + first + "\",\"name\":\"n\"}");
            client.publish("test", "{\"talk\":\"" + second + "\",\"name\":\"n\"}");

            assertThat(other.await(reply -> reply.text().contains(second)).text()).contains(second);
            assertThat(other.await(reply -> reply.text().contains(first), Duration.ofMillis(300)).text())
                    .as("the reply skipped while awaiting the second").contains(first);
        }
    }

    @Test
    void aSubscriptionWithNothingMatchingIsAnAssertionError() {
        try (MqttTestClient client = MqttTestClient.connect()) {
            MqttTestClient.Subscription quiet = client.subscribe("nobody/publishes/here");

            assertThatThrownBy(() -> quiet.await(message -> true, Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no matching message on nobody/publishes/here");
        }
    }

    @Test
    void noReplyWithinTheTimeoutIsAnAssertionError() {
        try (MqttTestClient client = MqttTestClient.connect()) {
            assertThatThrownBy(() -> client.request("nobody/answers", "{}".getBytes(StandardCharsets.UTF_8),
                    publish -> publish, Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no reply to the request on nobody/answers")
                    .hasMessageContaining("the request was acknowledged (PUBACK)");
        }
    }
}
