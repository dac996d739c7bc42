package io.autoresponder.responder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import io.autoresponder.responder.pipeline.Received;

/**
 * Takes rejected and failed requests: publishes a bounded copy with the error on the {@code dead-letter} channel
 * (topic {@code mp.messaging.outgoing.dead-letter.topic}), counts it, logs it (rate-limited), and only then
 * acknowledges the request, so a bad payload or a failing handler never stops the stream and nothing accepted is
 * silently lost.
 */
@ApplicationScoped
public class DeadLetterOffice {

    /** Outgoing channel that carries dead letters. */
    public static final String CHANNEL = "dead-letter";

    private static final Logger LOG = Logger.getLogger(DeadLetterOffice.class);

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;
    private final ResponderMetrics metrics;
    private final ResponderConfig config;
    private final RateLimitedLog log;

    DeadLetterOffice(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<byte[]> emitter, ObjectMapper mapper, ResponderMetrics metrics, ResponderConfig config) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.metrics = metrics;
        this.config = config;
        this.log = new RateLimitedLog(LOG, config.rejectionLogInterval());
    }

    /**
     * Dead-letters {@code request}; the returned Uni completes after the dead letter was accepted (or failed
     * and was counted) and the request was acknowledged.
     */
    public Uni<Void> reject(Message<?> request, byte[] payload, Rejection rejection) {
        return deadLetter(request, payload, rejection).chain(() -> Uni.createFrom().completionStage(request::ack));
    }

    /**
     * Publishes the dead letter of {@code request}, counts and logs it, and leaves the request's acknowledgement
     * to the caller; the returned Uni completes after the dead letter was accepted, or failed and was counted.
     */
    public Uni<Void> deadLetter(Message<?> request, byte[] payload, Rejection rejection) {
        String channel = request.getMetadata(Received.class).map(Received::channel).orElse("unknown");
        String topic = IncomingTopic.of(request).orElse(null);
        metrics.rejected(channel, rejection.reason());
        log.warn("Dead-lettered a request on channel '" + channel + "'" + (topic == null ? "" : " (topic '" + topic + "')")
                + ": " + rejection.describe());
        return send(deadLetter(channel, topic, payload, rejection))
                .onFailure().invoke(failure -> {
                    metrics.deadLetterFailed(channel);
                    LOG.debugf("dead letter for channel %s not published: %s", channel, failure);
                })
                .onFailure().recoverWithNull();
    }

    private Uni<Void> send(DeadLetter letter) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(letter);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        try {
            return emitter.send(bytes);
        } catch (RuntimeException overflowOrClosed) {
            return Uni.createFrom().failure(overflowOrClosed);
        }
    }

    private DeadLetter deadLetter(String channel, String topic, byte[] payload, Rejection rejection) {
        int copied = Math.min(payload.length, config.deadLetterCopyBytes());
        String text = new String(payload, 0, copied, StandardCharsets.UTF_8);
        return new DeadLetter(rejection.describe(), rejection.reason().tag(), channel, topic,
                Instant.now().toString(), payload.length, text, copied < payload.length);
    }
}
