package io.autoresponder.connector.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import io.autoresponder.api.MqttIncomingMetadata;

/**
 * How a request reaches the application: on a duplicated Vert.x context of its own with its log context, or, with
 * {@code autoresponder.responder.log-context=false} and no tracing, directly on the calling thread.
 */
class LogContextDispatchTest {

    private static final Vertx VERTX = Vertx.vertx();

    // Outside Quarkus the MDC is the log manager's thread-local one, not Quarkus' per-context VertxMDC, so entries
    // put on a duplicated context stay on the thread; in the application they stay with the request's context.
    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @AfterAll
    static void close() {
        VERTX.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aRequestRunsOnItsOwnDuplicatedContextWithItsTopicCorrelationDataAndPublisherInTheMdc() {
        AtomicReference<Context> context = new AtomicReference<>();
        AtomicReference<String> mdc = new AtomicReference<>();

        MessageTracing.of(VERTX, true, null).dispatch(request(new byte[] { 0, 1, (byte) 0xff }), "test", message -> {
            context.set(Vertx.currentContext());
            mdc.set(MDC.get(LogContext.TOPIC) + " " + MDC.get(LogContext.CORRELATION_DATA) + " "
                    + MDC.get(LogContext.CLIENT_ID));
        });

        assertThat(VertxContext.isDuplicatedContext(context.get())).isTrue();
        assertThat(mdc.get()).as("binary correlation data in hex").isEqualTo("devices/7/ping 0001ff sensor-7");
        assertThat(Vertx.currentContext()).as("the context ends with the dispatch").isNull();
    }

    @Test
    void eachRequestGetsAContextOfItsOwn() {
        AtomicReference<Context> first = new AtomicReference<>();
        AtomicReference<Context> second = new AtomicReference<>();
        MessageTracing tracing = MessageTracing.of(VERTX, true, null);

        tracing.dispatch(request("a".getBytes(StandardCharsets.UTF_8)), "test", m -> first.set(Vertx.currentContext()));
        tracing.dispatch(request("b".getBytes(StandardCharsets.UTF_8)), "test", m -> second.set(Vertx.currentContext()));

        assertThat(first.get()).isNotSameAs(second.get());
    }

    @Test
    void withoutLogContextOrTracingTheRequestIsHandedOverInPlace() {
        AtomicReference<Context> context = new AtomicReference<>();
        AtomicReference<String> topic = new AtomicReference<>();

        MessageTracing.of(VERTX, false, null).dispatch(request("x".getBytes(StandardCharsets.UTF_8)), "test", m -> {
            context.set(Vertx.currentContext());
            topic.set((String) MDC.get(LogContext.TOPIC));
        });

        assertThat(context.get()).isNull();
        assertThat(topic.get()).isNull();
    }

    @Test
    void longOrBinaryCorrelationDataIsCutForTheLogLine() {
        assertThat(LogContext.readable("order-42".getBytes(StandardCharsets.UTF_8))).isEqualTo("order-42");
        assertThat(LogContext.readable("x".repeat(500).getBytes(StandardCharsets.UTF_8)))
                .hasSize(LogContext.MAX_LENGTH).endsWith("…");
        assertThat(LogContext.readable(new byte[100])).hasSize(LogContext.MAX_LENGTH + 1).endsWith("…");
    }

    private static Message<byte[]> request(byte[] correlation) {
        return Message.of("{}".getBytes(StandardCharsets.UTF_8), Metadata.of(new MqttIncomingMetadata("devices/7/ping", 1,
                false, false, Optional.empty(), Optional.of(correlation), Optional.empty(), List.of(),
                Optional.of("sensor-7"))));
    }
}
