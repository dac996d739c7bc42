package io.autoresponder.rules;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/** A test on one value of the JSON request, found by its JSON Pointer (RFC 6901). */
public sealed interface Condition {

    /** Whether {@code request} passes; a value that is missing or of another type fails every test but absence. */
    boolean test(JsonNode request);

    /**
     * The value at {@code path} equals {@code value}: JSON equality, where numbers compare by value ({@code 7} and
     * {@code 7.0} are equal) and a number never equals text ({@code 7} and {@code "7"} differ).
     */
    record Equals(JsonPointer path, JsonNode value) implements Condition {

        private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue());
            }
            return a.equals(b) ? 0 : 1;
        };

        @Override
        public boolean test(JsonNode request) {
            return request.at(path).equals(NUMBERS_BY_VALUE, value);
        }
    }

    /** A value is present at {@code path} ({@code present: true}) or absent ({@code present: false}). */
    record Present(JsonPointer path, boolean present) implements Condition {
        @Override
        public boolean test(JsonNode request) {
            return request.at(path).isMissingNode() != present;
        }
    }

    /** The number at {@code path} compares with {@code bound} as {@code operator} says. */
    record Compare(JsonPointer path, Operator operator, BigDecimal bound) implements Condition {
        @Override
        public boolean test(JsonNode request) {
            JsonNode value = request.at(path);
            return value.isNumber() && operator.holds(value.decimalValue().compareTo(bound));
        }
    }

    /** The text at {@code path} matches {@code pattern} somewhere (anchor it with ^ and $ to match all of it). */
    record Matches(JsonPointer path, Pattern pattern) implements Condition {
        @Override
        public boolean test(JsonNode request) {
            JsonNode value = request.at(path);
            return value.isTextual() && pattern.matcher(value.textValue()).find();
        }
    }

    /** Numeric comparisons, named as in the rules file. */
    enum Operator {
        GREATER_THAN("greater-than"),
        GREATER_OR_EQUAL("greater-or-equal"),
        LESS_THAN("less-than"),
        LESS_OR_EQUAL("less-or-equal");

        private final String key;

        Operator(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        boolean holds(int comparison) {
            return switch (this) {
                case GREATER_THAN -> comparison > 0;
                case GREATER_OR_EQUAL -> comparison >= 0;
                case LESS_THAN -> comparison < 0;
                case LESS_OR_EQUAL -> comparison <= 0;
            };
        }
    }
}
