package io.autoresponder.responder;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Responder meters, tagged by channel name. Channel names come from configuration, so tag values are bounded;
 * rejection reasons are a fixed enum.
 */
@ApplicationScoped
public class ResponderMetrics {

    private final MeterRegistry registry;
    // Per-message meters are looked up here, not re-registered: registration costs a Meter.Id and a map lookup.
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Timer> handled = new ConcurrentHashMap<>();

    ResponderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String channel) {
        received.computeIfAbsent(channel, c -> Counter.builder("autoresponder.requests.received")
                .description("Requests taken from an incoming channel").tag("channel", c).register(registry))
                .increment();
    }

    public void sent(String channel) {
        sent.computeIfAbsent(channel, c -> Counter.builder("autoresponder.replies.sent")
                .description("Messages accepted by an outgoing channel's connector (replies and dead letters)")
                .tag("channel", c).register(registry)).increment();
    }

    public void failed(String channel) {
        Counter.builder("autoresponder.replies.failed")
                .description("Messages an outgoing channel's connector could not send")
                .tag("channel", channel).register(registry).increment();
    }

    void rejected(String channel, Rejection.Reason reason) {
        Counter.builder("autoresponder.payloads.rejected").description(
                "Requests sent to the dead-letter channel, by reason: bad payload or replyTo, failed handler, reply not sent")
                .tag("channel", channel).tag("reason", reason.tag()).register(registry).increment();
    }

    void deadLetterFailed(String channel) {
        Counter.builder("autoresponder.dead.letters.failed")
                .description("Dead letters that could not be published").tag("channel", channel)
                .register(registry).increment();
    }

    public void handled(String channel, long receivedNanos) {
        handled.computeIfAbsent(channel, c -> Timer.builder("autoresponder.handling.time")
                .description("From receipt of a request to its reply being accepted by the outgoing connector")
                .tag("channel", c)
                // Buckets for histogram_quantile() in Prometheus, bounded to a sensible range.
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry))
                .record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }
}
