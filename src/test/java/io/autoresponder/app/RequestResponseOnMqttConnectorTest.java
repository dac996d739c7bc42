package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MqttConnectorProfile;

/**
 * {@link RequestResponseTest} against a real Mosquitto through our MQTT 5 connector, plus its duplicate detection:
 * a request sent again with the same response topic and correlation data (as a redelivery after a reconnect is,
 * MQTT 5.0 section 4.4) is answered once and counted.
 */
@QuarkusTest
@TestProfile(MqttConnectorProfile.class)
@ExtendWith(RequiresMosquitto.class)
class RequestResponseOnMqttConnectorTest extends RequestResponseTest {

    private static final String DUPLICATES = "autoresponder_channel_duplicates_total{channel=\"test\"}";

    @Test
    void aRequestRepeatedWithTheSameCorrelationDataIsAnsweredOnce() {
        String run = UUID.randomUUID().toString();
        String answersTopic = "rr/" + run + "/answers";
        Mqtt5AsyncClient client = connect();
        Queue<Mqtt5Publish> answers = new ConcurrentLinkedQueue<>();
        double duplicatesBefore = PrometheusText.sample(DUPLICATES);
        try {
            client.subscribeWith().topicFilter(answersTopic).qos(MqttQos.AT_LEAST_ONCE).callback(answers::add).send()
                    .join();
            send(client, answersTopic, "same", run + "-first");
            await().atMost(TIMEOUT).until(() -> ids(answers).contains(run + "-first"));

            send(client, answersTopic, "same", run + "-again");
            send(client, answersTopic, "other", run + "-next");
            // Requests on one subscription are handled in order: once "next" is answered, "again" was decided.
            await().atMost(TIMEOUT).until(() -> ids(answers).contains(run + "-next"));

            assertThat(ids(answers)).containsExactly(run + "-first", run + "-next");
            await().atMost(TIMEOUT).until(() -> PrometheusText.sample(DUPLICATES) == duplicatesBefore + 1);
        } finally {
            client.disconnect().join();
        }
    }

    private static void send(Mqtt5AsyncClient client, String responseTopic, String correlation, String id) {
        client.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).responseTopic(responseTopic)
                .correlationData(utf8(correlation)).payload(request(id)).send().join();
    }
}
