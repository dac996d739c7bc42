package io.autoresponder.rules;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.Messages;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;
import io.autoresponder.responder.DeadLetterOffice;
import io.autoresponder.responder.JsonReplyTo;
import io.autoresponder.responder.RateLimitedLog;
import io.autoresponder.responder.Rejection;
import io.autoresponder.responder.ResponderConfig;

/**
 * Answers requests on the rules channel by the rules in force: the first rule that matches renders its replies.
 * The request is acknowledged once every reply was accepted ({@link Messages#chain}), or when no rule matched.
 * A request that is not JSON is dead-lettered like a bad payload for a handler; a reply a placeholder cannot be
 * filled for fails the request, which the pipeline dead-letters as {@code handler_failed} with the reason.
 * <p>
 * Where a reply goes: the first reply goes where the request asks (MQTT 5 response topic, JSON {@code replyTo}),
 * else to the rule's topic, else to the reply channel's topic; further replies go to their rule's topics.
 */
@ApplicationScoped
@UnlessBuildProperty(name = RulesChannels.ENABLED_KEY, stringValue = "false", enableIfMissing = true)
public class RulesResponder {

    /**
     * MQTT 5 user property every reply of a rule carries, naming the rule: a request that carries it is a rule's
     * reply and is not answered by the rules, so no rule answers its own replies (or another's) in a loop.
     */
    public static final String ANSWERED_BY = "autoresponder-rule";

    private static final Logger LOG = Logger.getLogger(RulesResponder.class);

    private final RulesLoader loader;
    private final RuleMetrics metrics;
    private final DeadLetterOffice deadLetters;
    private final ResponderConfig limits;
    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final RateLimitedLog loops;

    RulesResponder(RulesLoader loader, RuleMetrics metrics, DeadLetterOffice deadLetters, ResponderConfig limits,
            ObjectMapper mapper) {
        this.loader = loader;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.limits = limits;
        this.mapper = mapper;
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.loops = new RateLimitedLog(LOG, limits.rejectionLogInterval());
        // A rule that is gone takes its counter with it; one that stays keeps counting across reloads.
        loader.onReload(rules -> {
            Set<String> names = rules.rules().stream().map(Rule::name).collect(Collectors.toSet());
            counters.keySet().retainAll(names);
        });
    }

    @Incoming(RulesChannels.REQUESTS)
    @Outgoing(RulesChannels.REPLIES)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @NonBlocking
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public Multi<Message<Object>> answer(Message<byte[]> request) {
        byte[] payload = request.getPayload();
        JsonNode json;
        try {
            json = parse(payload);
        } catch (RejectedPayload rejected) {
            return noReplyAfter(deadLetters.reject(request, payload, rejected.rejection));
        }
        MqttIncomingMetadata mqtt = request.getMetadata(MqttIncomingMetadata.class).orElse(null);
        String topic = mqtt == null ? "" : mqtt.topic();
        String answeredBy = mqtt == null ? null : userProperty(mqtt, ANSWERED_BY);
        if (answeredBy != null) {
            // A rule's reply that matches a rule's filter: answering it could answer its own replies for ever.
            // The name comes from the network: only names of rules in force become a metric tag.
            boolean known = loader.current().rules().rules().stream().anyMatch(r -> r.name().equals(answeredBy));
            metrics.loop(known ? answeredBy : "unknown");
            loops.warn("A reply of rule '" + answeredBy + "' on topic '" + topic + "' matches a rule's topic filter;"
                    + " replies of rules are not answered by rules (give the reply a topic no rule listens on)");
            return noReplyAfter(Uni.createFrom().completionStage(request::ack));
        }
        Rule rule = loader.current().rules().firstMatch(topic, json).orElse(null);
        if (rule == null) {
            metrics.unmatched();
            return noReplyAfter(Uni.createFrom().completionStage(request::ack));
        }
        metrics.matched(rule.name());
        long counter = counters.computeIfAbsent(rule.name(), name -> new AtomicLong()).incrementAndGet();
        List<RenderedReply> rendered;
        try {
            rendered = rule.render(mapper, topic, json, counter, clock.instant());
        } catch (RuntimeException unfilled) {
            return noReplyAfter(Uni.createFrom().completionStage(() -> request.nack(new IllegalStateException(
                    "rule '" + rule.name() + "' (" + rule.location() + "): " + unfilled.getMessage(), unfilled))));
        }
        boolean requestNamesPlace = (mqtt != null && mqtt.responseTopic().isPresent())
                || request.getMetadata(JsonReplyTo.class).isPresent();
        List<Message<?>> replies = new ArrayList<>();
        for (int i = 0; i < rendered.size(); i++) {
            replies.add(reply(rule, rendered.get(i), i == 0 && requestNamesPlace));
        }
        List<Message<?>> chained = Messages.chain(request).with(replies.toArray(Message[]::new));
        long start = System.nanoTime();
        return Multi.createFrom().range(0, chained.size()).onItem().transformToUniAndConcatenate(i -> {
            Duration wait = rendered.get(i).delay().minusNanos(System.nanoTime() - start);
            Uni<Message<Object>> reply = Uni.createFrom().item((Message<Object>) chained.get(i));
            return wait.isNegative() || wait.isZero() ? reply : reply.onItem().delayIt().by(wait);
        });
    }

    /** No reply, once {@code done} (the request's acknowledgement, nack or dead letter) completed. */
    private static Multi<Message<Object>> noReplyAfter(Uni<?> done) {
        return done.onItem().transformToMulti(ignored -> Multi.createFrom().<Message<Object>>empty());
    }

    private Message<?> reply(Rule rule, RenderedReply rendered, boolean requestNamesPlace) {
        MqttOutgoingMetadata.Builder metadata = MqttOutgoingMetadata.builder().retain(rendered.retain());
        if (!requestNamesPlace) {
            rendered.topic().ifPresent(metadata::topic);
        }
        rendered.qos().ifPresent(metadata::qos);
        rendered.userProperties().forEach(metadata::userProperty);
        metadata.userProperty(ANSWERED_BY, rule.name());
        return Message.of(rendered.body(), Metadata.of(metadata.build()));
    }

    private static String userProperty(MqttIncomingMetadata mqtt, String name) {
        for (Map.Entry<String, String> property : mqtt.userProperties()) {
            if (property.getKey().equals(name)) {
                return property.getValue();
            }
        }
        return null;
    }

    private JsonNode parse(byte[] payload) throws RejectedPayload {
        if (payload.length == 0) {
            throw new RejectedPayload(new Rejection(Rejection.Reason.EMPTY, "payload is empty, expected JSON"));
        }
        if (payload.length > limits.maxPayloadBytes()) {
            throw new RejectedPayload(new Rejection(Rejection.Reason.TOO_LARGE, "payload is " + payload.length
                    + " bytes, the limit is " + limits.maxPayloadBytes() + " (autoresponder.responder.max-payload-bytes)"));
        }
        try {
            return reader.readTree(payload);
        } catch (JacksonException e) {
            throw new RejectedPayload(new Rejection(Rejection.Reason.NOT_JSON, e.getOriginalMessage()));
        } catch (IOException e) {
            throw new RejectedPayload(new Rejection(Rejection.Reason.NOT_JSON, e.getMessage()));
        }
    }

    /** A request payload the rules cannot read. */
    private static final class RejectedPayload extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient Rejection rejection;

        RejectedPayload(Rejection rejection) {
            super(rejection.describe(), null, false, false);
            this.rejection = rejection;
        }
    }
}
