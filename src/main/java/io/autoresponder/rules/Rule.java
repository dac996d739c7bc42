package io.autoresponder.rules;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.autoresponder.mqtt.Topics;

/**
 * One rule: requests on a topic filter that pass every condition get the replies.
 *
 * @param name       unique in its file; names the rule in metrics, logs and dead letters
 * @param filter     MQTT topic filter (wildcards allowed; a {@code $share/<group>/} prefix shares the requests
 *                   among instances)
 * @param matchOn    the filter without a shared-subscription prefix: what topic names are compared with
 * @param conditions all must hold
 * @param replies    one or more
 * @param location   where the rule starts in its file
 */
public record Rule(String name, String filter, String matchOn, List<Condition> conditions, List<ReplyTemplate> replies,
        Location location) {

    /** Whether a request on {@code topic} with JSON {@code request} is this rule's. */
    public boolean matches(String topic, JsonNode request) {
        if (!Topics.matches(matchOn, topic)) {
            return false;
        }
        for (Condition condition : conditions) {
            if (!condition.test(request)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every reply of this rule to one request; {@code counter} is how many requests it has answered with this
     * one. Fails (a {@link io.quarkus.qute.TemplateException}) when a placeholder names what the request lacks.
     */
    public List<RenderedReply> render(ObjectMapper mapper, String topic, JsonNode request, long counter, Instant now) {
        RenderContext context = new RenderContext(mapper, name, topic, request, counter, now);
        return replies.stream().map(reply -> reply.render(context)).toList();
    }
}
