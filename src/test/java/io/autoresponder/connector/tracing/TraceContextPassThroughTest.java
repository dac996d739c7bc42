package io.autoresponder.connector.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.brokers.FreeBrokerPort;

/**
 * With tracing off (the default), nothing is traced, yet a reply carries its request's {@code traceparent} and
 * {@code tracestate} unchanged: a trace started upstream still reaches whoever consumes the reply.
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class TraceContextPassThroughTest extends TracingTest {

    @Inject
    MessageTracing tracing;

    @Test
    void tracingIsOffByDefault() {
        assertThat(tracing.isTracing()).isFalse();
    }

    @Test
    @Override
    void aReplyContinuesTheTraceOfItsRequestThroughReceiveHandleAndPublishSpans() {
        String traceparent = "00-" + hex(16) + "-" + hex(8) + "-01";

        var reply = ask("test", Map.of("traceparent", traceparent, "tracestate", "caller=1"), null);

        assertThat(property(reply, "traceparent")).hasValue(traceparent);
        assertThat(property(reply, "tracestate")).hasValue("caller=1");
    }

    @Test
    @Override
    void aRequestWithoutTraceContextStartsATraceThatItsReplyCarries() {
        assertThat(property(ask("test", Map.of(), null), "traceparent")).isEmpty();
    }

    @Test
    @Override
    void aHandlerOnAWorkerThreadRunsInTheHandleSpanWithTheRequestInTheLogMdc() {
        // No TracedEcho without its test profile; the log context is covered where tracing is on.
    }
}
