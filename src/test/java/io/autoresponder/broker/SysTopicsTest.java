package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.Mqtt;
import io.autoresponder.support.brokers.FreeBrokerPort;

/** Broker statistics under $SYS/broker/, as retained messages (Mosquitto's topic names). */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class SysTopicsTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void statisticsAreRetainedUnderSysBroker() throws InterruptedException {
        Mqtt5BlockingClient client = Mqtt.v5(port);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith().topicFilter("$SYS/broker/#").qos(MqttQos.AT_MOST_ONCE).send();

            Map<String, String> stats = new HashMap<>();
            Optional<Mqtt5Publish> publish;
            while (stats.size() < 6 && (publish = received.receive(5, TimeUnit.SECONDS)).isPresent()) {
                stats.put(publish.get().getTopic().toString(),
                        new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8));
            }

            assertThat(stats).containsOnlyKeys("$SYS/broker/uptime", "$SYS/broker/clients/connected",
                    "$SYS/broker/messages/received", "$SYS/broker/messages/sent", "$SYS/broker/subscriptions/count",
                    "$SYS/broker/retained messages/count");
            assertThat(stats.get("$SYS/broker/uptime")).matches("\\d+ seconds");
            assertThat(Long.parseLong(stats.get("$SYS/broker/messages/received"))).isNotNegative();
            assertThat(Integer.parseInt(stats.get("$SYS/broker/subscriptions/count"))).isNotNegative();
        } finally {
            client.disconnect();
        }
    }
}
