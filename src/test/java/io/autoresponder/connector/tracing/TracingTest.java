package io.autoresponder.connector.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.autoresponder.support.Json;
import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * Traces across MQTT (W3C Trace Context, carried in MQTT 5 user properties, MQTT 5.0 section 3.3.2.3.7): a request's
 * {@code traceparent} is continued by spans for its receipt, its handling and its reply's publication, and the
 * reply carries the trace on; the handler runs inside the handle span with the request in the logging MDC. Here on
 * the embedded broker and the in-process connector; {@link TracingOnMqttConnectorTest} runs the same through our
 * MQTT connector and Mosquitto.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
@TestProfile(TracingProfile.class)
class TracingTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ConfigProperty(name = "mp.messaging.connector.smallrye-mqtt.port")
    int port;

    @Inject
    CollectedSpans spans;

    /** Whether the connector knows who published a request (the embedded broker does; an external one does not say). */
    boolean knowsThePublisher() {
        return true;
    }

    @Test
    void aReplyContinuesTheTraceOfItsRequestThroughReceiveHandleAndPublishSpans() {
        String traceId = hex(16);
        String callerSpanId = hex(8);
        Mqtt5Publish reply = ask("test", Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01",
                "tracestate", "caller=1"), null);

        List<SpanData> trace = spansOf(traceId, 3);
        SpanData receive = only(trace, "receive test");
        SpanData handle = only(trace, "handle test");
        SpanData publish = only(trace, "publish other");
        assertThat(receive.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(receive.getParentSpanId()).as("the caller's span is the parent").isEqualTo(callerSpanId);
        assertThat(handle.getParentSpanId()).isEqualTo(receive.getSpanId());
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getParentSpanId()).isEqualTo(handle.getSpanId());
        assertThat(publish.getAttributes().asMap().toString()).contains("messaging.system=mqtt");

        assertThat(property(reply, "traceparent")).as("the reply's consumer continues from the publish span")
                .hasValue("00-" + traceId + "-" + publish.getSpanId() + "-01");
        assertThat(property(reply, "tracestate")).hasValue("caller=1");
    }

    @Test
    void aRequestWithoutTraceContextStartsATraceThatItsReplyCarries() {
        Mqtt5Publish reply = ask("test", Map.of(), null);

        String traceparent = property(reply, "traceparent").orElseThrow();
        String traceId = traceparent.split("-")[1];
        List<SpanData> trace = spansOf(traceId, 3);
        assertThat(only(trace, "receive test").getParentSpanContext().isValid()).as("a root span").isFalse();
        assertThat(traceparent).endsWith(only(trace, "publish other").getSpanId() + "-01");
    }

    @Test
    void aHandlerOnAWorkerThreadRunsInTheHandleSpanWithTheRequestInTheLogMdc() {
        String traceId = hex(16);
        String correlation = "corr-" + UUID.randomUUID();
        List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (TracedEcho.LINE.equals(record.getMessage()) && record instanceof ExtLogRecord ext) {
                    ext.copyMdc();
                    lines.add(ext);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        Mqtt5Publish reply;
        try {
            reply = ask("traced/in", Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"), correlation);
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }

        SpanData handle = only(spansOf(traceId, 3), "handle traced");
        var seen = Json.parse(reply.getPayloadAsBytes());
        assertThat(seen.path("traceId").asText()).isEqualTo(traceId);
        assertThat(seen.path("spanId").asText()).as("Span.current() in the handler").isEqualTo(handle.getSpanId());

        assertThat(lines).hasSize(1);
        ExtLogRecord line = lines.get(0);
        assertThat(line.getMdc("traceId")).isEqualTo(traceId);
        assertThat(line.getMdc("spanId")).isEqualTo(handle.getSpanId());
        assertThat(line.getMdc(LogContext.TOPIC)).isEqualTo("traced/in");
        assertThat(line.getMdc(LogContext.CORRELATION_DATA)).isEqualTo(correlation);
        if (knowsThePublisher()) {
            assertThat(line.getMdc(LogContext.CLIENT_ID)).startsWith("tracing-");
        }
    }

    /** Publishes a request to {@code topic} with a response topic, and returns its reply. */
    Mqtt5Publish ask(String topic, Map<String, String> userProperties, String correlation) {
        String answers = "tracing/" + UUID.randomUUID();
        Queue<Mqtt5Publish> replies = new ConcurrentLinkedQueue<>();
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier("tracing-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        client.connect().join();
        try {
            client.subscribeWith().topicFilter(answers).qos(MqttQos.AT_LEAST_ONCE).callback(replies::add).send().join();
            var properties = Mqtt5UserProperties.builder();
            userProperties.forEach(properties::add);
            var request = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .responseTopic(answers).userProperties(properties.build())
                    .payload(("{\"name\":\"tracer\",\"talk\":\"hi\",\"id\":\"" + UUID.randomUUID() + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
            (correlation == null ? request : request.correlationData(correlation.getBytes(StandardCharsets.UTF_8)))
                    .send().join();
            await().atMost(TIMEOUT).until(() -> !replies.isEmpty());
            return replies.peek();
        } finally {
            client.disconnect().join();
        }
    }

    List<SpanData> spansOf(String traceId, int count) {
        await().atMost(TIMEOUT).until(() -> spans.ofTrace(traceId).size() >= count);
        return spans.ofTrace(traceId);
    }

    static SpanData only(List<SpanData> trace, String name) {
        List<SpanData> named = trace.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named %s in %s", name, trace.stream().map(SpanData::getName).toList()).hasSize(1);
        return named.get(0);
    }

    static Optional<String> property(Mqtt5Publish publish, String name) {
        return publish.getUserProperties().asList().stream().filter(p -> p.getName().toString().equals(name))
                .map(p -> p.getValue().toString()).findFirst();
    }

    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros, which W3C Trace Context calls invalid
        return HexFormat.of().formatHex(random);
    }
}
