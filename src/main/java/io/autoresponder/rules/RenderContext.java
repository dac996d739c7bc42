package io.autoresponder.rules;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Template;

/**
 * What the placeholders of one reply can name: {@code request} (the JSON request: {@code {request.name}},
 * {@code {request.items.0.sku}}), {@code topic} (the request's topic), {@code levels} (its levels from 0:
 * {@code {levels.1}} is {@code lamp} in {@code devices/lamp/get}), {@code rule} (the rule's name),
 * {@code timestamp} (ISO-8601, UTC), {@code uuid} (random, one per request) and {@code counter} (how many requests
 * this rule has answered, this one included). Fixed once per request, so every reply of a request sees the same.
 */
final class RenderContext {

    private final Map<String, Object> data = new LinkedHashMap<>();
    private final ObjectMapper mapper;

    RenderContext(ObjectMapper mapper, String rule, String topic, JsonNode request, long counter, Instant now) {
        this.mapper = mapper;
        data.put("request", mapper.convertValue(request, Object.class));
        data.put("topic", topic);
        Map<String, String> levels = new LinkedHashMap<>();
        String[] parts = topic.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            levels.put(Integer.toString(i), parts[i]);
        }
        data.put("levels", levels);
        data.put("rule", rule);
        data.put("timestamp", now.toString());
        data.put("uuid", UUID.randomUUID().toString());
        data.put("counter", counter);
    }

    String render(Template template) {
        return template.instance().data(data).render();
    }

    ObjectMapper mapper() {
        return mapper;
    }
}
