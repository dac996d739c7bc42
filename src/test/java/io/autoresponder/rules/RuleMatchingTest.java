package io.autoresponder.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Which rule answers a request: the topic filter, every condition, the first rule in the file. */
class RuleMatchingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RulesParser parser = new RulesParser(new Templates(MAPPER), Duration.ofSeconds(10));

    @Test
    void equalsComparesNumbersByValueAndNeverWithText() throws Exception {
        RuleSet rules = rules("- path: /id\n        equals: 7");

        assertThat(matches(rules, "{\"id\":7}")).isTrue();
        assertThat(matches(rules, "{\"id\":7.0}")).isTrue();
        assertThat(matches(rules, "{\"id\":7.5}")).isFalse();
        assertThat(matches(rules, "{\"id\":\"7\"}")).isFalse();
        assertThat(matches(rules, "{}")).isFalse();
    }

    @Test
    void equalsComparesObjectsAndNestedPaths() throws Exception {
        RuleSet rules = rules("- path: /device/kind\n        equals: {model: x1, rev: 2}");

        assertThat(matches(rules, "{\"device\":{\"kind\":{\"rev\":2,\"model\":\"x1\"}}}")).isTrue();
        assertThat(matches(rules, "{\"device\":{\"kind\":{\"model\":\"x1\"}}}")).isFalse();
    }

    @Test
    void presentAndAbsent() throws Exception {
        RuleSet present = rules("- path: /token\n        present: true");
        RuleSet absent = rules("- path: /token\n        present: false");

        assertThat(matches(present, "{\"token\":null}")).isTrue();
        assertThat(matches(present, "{}")).isFalse();
        assertThat(matches(absent, "{}")).isTrue();
        assertThat(matches(absent, "{\"token\":\"t\"}")).isFalse();
    }

    @Test
    void numericComparisonsHoldForNumbersOnly() throws Exception {
        RuleSet over = rules("- path: /celsius\n        greater-than: 80");
        RuleSet atLeast = rules("- path: /celsius\n        greater-or-equal: 80");
        RuleSet under = rules("- path: /celsius\n        less-than: -10.5");
        RuleSet atMost = rules("- path: /celsius\n        less-or-equal: -10.5");

        assertThat(matches(over, "{\"celsius\":80.01}")).isTrue();
        assertThat(matches(over, "{\"celsius\":80}")).isFalse();
        assertThat(matches(atLeast, "{\"celsius\":80}")).isTrue();
        assertThat(matches(under, "{\"celsius\":-11}")).isTrue();
        assertThat(matches(under, "{\"celsius\":-10.5}")).isFalse();
        assertThat(matches(atMost, "{\"celsius\":-10.5}")).isTrue();
        assertThat(matches(over, "{\"celsius\":\"90\"}")).isFalse();
    }

    @Test
    void matchesFindsTheRegularExpressionInText() throws Exception {
        RuleSet rules = rules("- path: /serial\n        matches: \"^SN-[0-9]{4}$\"");

        assertThat(matches(rules, "{\"serial\":\"SN-0042\"}")).isTrue();
        assertThat(matches(rules, "{\"serial\":\"SN-42\"}")).isFalse();
        assertThat(matches(rules, "{\"serial\":42}")).isFalse();
    }

    @Test
    void everyConditionMustHold() throws Exception {
        RuleSet rules = rules("- path: /a\n        equals: 1\n      - path: /b\n        equals: 2");

        assertThat(matches(rules, "{\"a\":1,\"b\":2}")).isTrue();
        assertThat(matches(rules, "{\"a\":1,\"b\":3}")).isFalse();
    }

    @Test
    void theFirstMatchingRuleInFileOrderAnswers() throws Exception {
        RuleSet rules = parser.parse("r.yaml", """
                rules:
                  - name: vip
                    topic: greet/+
                    when:
                      - path: /vip
                        equals: true
                    reply: {payload: {}}
                  - name: anyone
                    topic: greet/#
                    reply: {payload: {}}
                  - name: never
                    topic: greet/+
                    reply: {payload: {}}
                """);

        assertThat(rules.firstMatch("greet/x", json("{\"vip\":true}"))).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("vip"));
        assertThat(rules.firstMatch("greet/x", json("{}"))).hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("anyone"));
        assertThat(rules.firstMatch("other", json("{}"))).isEmpty();
        assertThat(rules.filters()).containsExactly("greet/+", "greet/#");
    }

    private RuleSet rules(String conditions) throws InvalidRulesException {
        return parser.parse("r.yaml", """
                rules:
                  - name: r
                    topic: t
                    when:
                      %s
                    reply:
                      payload: {}
                """.formatted(conditions));
    }

    private static boolean matches(RuleSet rules, String request) {
        return rules.firstMatch("t", json(request)).isPresent();
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
