package io.autoresponder.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.PrometheusText;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.profiles.MqttConnectorProfile;

/**
 * {@link ReplyToTest} against a real Mosquitto through our MQTT 5 connector, plus duplicate detection for MQTT
 * 3.1.1 requesters: a request repeated with the same {@code replyTo} and {@code correlationId}, or the same
 * {@code id} and {@code seq}, is answered once and counted.
 */
@QuarkusTest
@TestProfile(MqttConnectorProfile.class)
@ExtendWith(RequiresMosquitto.class)
class ReplyToOnMqttConnectorTest extends ReplyToTest {

    private static final String DUPLICATES = "autoresponder_channel_duplicates_total{channel=\"test\"}";

    @Test
    void aRequestRepeatedWithTheSameReplyToAndCorrelationIdIsAnsweredOnce() {
        String replyTo = "rt/" + run + "/once";
        double before = PrometheusText.sample(DUPLICATES);
        String request = "{\"talk\":\"hi\",\"name\":\"v3\",\"id\":\"" + run + "-%s\",\"replyTo\":\"" + replyTo
                + "\",\"correlationId\":%s}";
        send(request.formatted("first", "1"));
        await().atMost(TIMEOUT).until(() -> idsOn(replyTo).contains(run + "-first"));

        send(request.formatted("again", "1"));
        send(request.formatted("next", "2"));
        await().atMost(TIMEOUT).until(() -> idsOn(replyTo).contains(run + "-next"));

        assertThat(idsOn(replyTo)).containsExactly(run + "-first", run + "-next");
        await().atMost(TIMEOUT).until(() -> PrometheusText.sample(DUPLICATES) == before + 1);
    }

    @Test
    void aRequestRepeatedWithTheSameIdAndSeqIsAnsweredOnce() {
        double before = PrometheusText.sample(DUPLICATES);
        String request = "{\"talk\":\"%s\",\"name\":\"v3\",\"id\":\"" + run + "\",\"seq\":%d}";
        send(request.formatted("first", 1));
        await().atMost(TIMEOUT).until(() -> talksOnOther().contains("first"));

        send(request.formatted("again", 1));
        send(request.formatted("next", 2));
        await().atMost(TIMEOUT).until(() -> talksOnOther().contains("next"));

        assertThat(talksOnOther()).containsExactly("first", "next");
        await().atMost(TIMEOUT).until(() -> PrometheusText.sample(DUPLICATES) == before + 1);
    }

    private java.util.List<String> talksOnOther() {
        return onTopic("other").stream().filter(reply -> reply.path("id").asText().equals(run))
                .map(reply -> reply.path("talk").asText()).toList();
    }
}
