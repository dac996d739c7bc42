package io.autoresponder.responder;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Responder meters, tagged by channel name. Channel names come from configuration, so tag values are bounded;
 * rejection reasons are a fixed enum. Each channel's meters are registered at zero when the channel starts
 * ({@link #registerIncoming}, {@link #registerOutgoing}): Prometheus' {@code rate()} and {@code increase()} then
 * see the first event after a start, and dashboards show 0 rather than no data.
 */
// @Singleton, not @ApplicationScoped: called for every message, and a client proxy looks its instance up on each call
// (5% of the in-process service's samples went to those look-ups).
@Singleton
public class ResponderMetrics {

    private final MeterRegistry registry;
    // Per-message meters are looked up here, not re-registered: registration costs a Meter.Id and a map lookup.
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Timer> handled = new ConcurrentHashMap<>();

    ResponderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the meters of an incoming channel at zero: requests, handling time, dead letters by reason. */
    public void registerIncoming(String channel) {
        received(channel, 0);
        handlingTime(channel);
        for (Rejection.Reason reason : Rejection.Reason.values()) {
            rejections(channel, reason);
        }
        deadLettersFailed(channel);
    }

    /** Registers the meters of an outgoing channel at zero: messages sent and failed. */
    public void registerOutgoing(String channel) {
        sent(channel, 0);
        failures(channel);
    }

    public void received(String channel) {
        received(channel, 1);
    }

    private void received(String channel, int count) {
        received.computeIfAbsent(channel, c -> Counter.builder("autoresponder.requests.received")
                .description("Requests taken from an incoming channel").tag("channel", c).register(registry))
                .increment(count);
    }

    public void sent(String channel) {
        sent(channel, 1);
    }

    private void sent(String channel, int count) {
        sent.computeIfAbsent(channel, c -> Counter.builder("autoresponder.replies.sent")
                .description("Messages accepted by an outgoing channel's connector (replies and dead letters)")
                .tag("channel", c).register(registry)).increment(count);
    }

    public void failed(String channel) {
        failures(channel).increment();
    }

    private Counter failures(String channel) {
        return Counter.builder("autoresponder.replies.failed")
                .description("Messages an outgoing channel's connector could not send")
                .tag("channel", channel).register(registry);
    }

    void rejected(String channel, Rejection.Reason reason) {
        rejections(channel, reason).increment();
    }

    private Counter rejections(String channel, Rejection.Reason reason) {
        return Counter.builder("autoresponder.payloads.rejected").description(
                "Requests sent to the dead-letter channel, by reason: bad payload or replyTo, failed handler, reply not sent")
                .tag("channel", channel).tag("reason", reason.tag()).register(registry);
    }

    void deadLetterFailed(String channel) {
        deadLettersFailed(channel).increment();
    }

    private Counter deadLettersFailed(String channel) {
        return Counter.builder("autoresponder.dead.letters.failed")
                .description("Dead letters that could not be published").tag("channel", channel)
                .register(registry);
    }

    public void handled(String channel, long receivedNanos) {
        handlingTime(channel).record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    private Timer handlingTime(String channel) {
        return handled.computeIfAbsent(channel, c -> Timer.builder("autoresponder.handling.time")
                .description("From receipt of a request to its reply being accepted by the outgoing connector")
                .tag("channel", c)
                // Buckets for histogram_quantile() in Prometheus, bounded to a sensible range.
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry));
    }
}
