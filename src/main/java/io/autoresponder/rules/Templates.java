package io.autoresponder.rules;

import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateNode;

/**
 * The two Qute engines rules render with. Both render strictly: a placeholder naming something the request does
 * not have fails the reply (it is dead-lettered) unless it has a default ({@code {request.name ?: 'anonymous'}}).
 * <ul>
 * <li>{@link #text}: for topics, user properties and payload text with more than a placeholder; objects and
 * lists are written as JSON, everything else as its text.</li>
 * <li>{@link #json}: for a payload value that is one placeholder and nothing else: the value is written as JSON
 * and read back, so a number stays a number and an object an object.</li>
 * </ul>
 */
final class Templates {

    private final ObjectMapper mapper;
    private final Engine text;
    private final Engine json;

    Templates(ObjectMapper mapper) {
        this.mapper = mapper;
        this.text = Engine.builder().addDefaults().strictRendering(true).addResultMapper(new AsText()).build();
        this.json = Engine.builder().addDefaults().strictRendering(true).addResultMapper(new AsJson()).build();
    }

    Template text(String source) {
        return text.parse(source);
    }

    Template json(String source) {
        return json.parse(source);
    }

    private String writeJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Objects and lists as JSON, the rest as text. */
    private final class AsText implements ResultMapper {
        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return result instanceof Map || result instanceof Collection || result instanceof JsonNode;
        }

        @Override
        public String map(Object result, Expression expression) {
            return writeJson(result);
        }
    }

    /** Every value as JSON. */
    private final class AsJson implements ResultMapper {
        @Override
        public boolean appliesTo(TemplateNode.Origin origin, Object result) {
            return true;
        }

        @Override
        public String map(Object result, Expression expression) {
            return writeJson(result);
        }
    }
}
