package io.autoresponder.rules;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.qute.Template;

/** A reply payload as written in the rules file: JSON structure whose text values may hold placeholders. */
sealed interface PayloadTemplate {

    /** The payload for one request. */
    JsonNode render(RenderContext context);

    /** A value without placeholders. */
    record Constant(JsonNode value) implements PayloadTemplate {
        @Override
        public JsonNode render(RenderContext context) {
            return value;
        }
    }

    /** Text with placeholders among other text: always a JSON string. */
    record Text(Template template) implements PayloadTemplate {
        @Override
        public JsonNode render(RenderContext context) {
            return TextNode.valueOf(context.render(template));
        }
    }

    /** Exactly one placeholder: the value keeps its JSON type (number, boolean, object, ...). */
    record Typed(Template template) implements PayloadTemplate {
        @Override
        public JsonNode render(RenderContext context) {
            String json = context.render(template);
            try {
                return context.mapper().readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("placeholder did not render as JSON: " + json, e);
            }
        }
    }

    /** A JSON object. */
    record Members(Map<String, PayloadTemplate> members) implements PayloadTemplate {
        @Override
        public JsonNode render(RenderContext context) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            members.forEach((name, value) -> object.set(name, value.render(context)));
            return object;
        }
    }

    /** A JSON array. */
    record Elements(List<PayloadTemplate> elements) implements PayloadTemplate {
        @Override
        public JsonNode render(RenderContext context) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            elements.forEach(element -> array.add(element.render(context)));
            return array;
        }
    }
}
