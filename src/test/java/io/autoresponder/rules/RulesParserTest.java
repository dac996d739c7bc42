package io.autoresponder.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading rules files: what loads, and every problem reported with its line and column. */
class RulesParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");

    private final RulesParser parser = new RulesParser(new Templates(MAPPER), Duration.ofSeconds(10));

    @Test
    void aRuleWithConditionsAndAReplyLoads() throws Exception {
        RuleSet rules = parser.parse("rules.yaml", """
                rules:
                  - name: lamp-on
                    topic: devices/+/get
                    when:
                      - path: /set
                        equals: "on"
                    reply:
                      topic: devices/{levels.1}/state
                      qos: 1
                      retain: true
                      delay: 250ms
                      user-properties:
                        source: rules
                      payload:
                        device: "{levels.1}"
                        power: "on"
                """);

        Rule rule = rules.rules().get(0);
        assertThat(rule.name()).isEqualTo("lamp-on");
        assertThat(rule.filter()).isEqualTo("devices/+/get");
        assertThat(rule.conditions()).hasSize(1);
        ReplyTemplate reply = rule.replies().get(0);
        assertThat(reply.qos()).contains(1);
        assertThat(reply.retain()).isTrue();
        assertThat(reply.delay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void placeholdersFillTopicPayloadAndUserPropertiesFromTheRequest() throws Exception {
        Rule rule = only("""
                rules:
                  - name: echo
                    topic: devices/+/get
                    reply:
                      topic: devices/{levels.1}/state
                      user-properties:
                        answered-by: "{rule}"
                      payload:
                        device: "{levels.1}"
                        greeting: "Hello {request.name}!"
                        temperature: "{request.temp}"
                        tags: "{request.tags}"
                        fallback: "{request.missing ?: 'none'}"
                        count: "{counter}"
                        at: "{timestamp}"
                        constant: 42
                """);

        RenderedReply reply = rule.render(MAPPER, "devices/lamp/get",
                json("{\"name\":\"Ann \\\"A\\\"\",\"temp\":21.5,\"tags\":[\"a\",\"b\"]}"), 7, NOW).get(0);

        assertThat(reply.topic()).contains("devices/lamp/state");
        assertThat(reply.userProperties()).containsEntry("answered-by", "echo");
        assertThat(reply.payload()).isEqualTo(json("""
                {"device":"lamp","greeting":"Hello Ann \\"A\\"!","temperature":21.5,"tags":["a","b"],
                 "fallback":"none","count":7,"at":"2026-12-02T10:15:30Z","constant":42}"""));
    }

    @Test
    void aStringPayloadIsSentAsText() throws Exception {
        Rule rule = only("""
                rules:
                  - name: ping
                    topic: ping
                    reply:
                      payload: "pong {request.seq}"
                """);

        RenderedReply reply = rule.render(MAPPER, "ping", json("{\"seq\":3}"), 1, NOW).get(0);

        assertThat(reply.text()).isTrue();
        assertThat(reply.body()).isEqualTo("pong 3");
    }

    @Test
    void severalRepliesAreRenderedInOrderWithTheSameUuid() throws Exception {
        Rule rule = only("""
                rules:
                  - name: fan-out
                    topic: orders/+
                    reply:
                      - topic: audit
                        payload: {id: "{uuid}"}
                      - topic: billing
                        payload: {id: "{uuid}"}
                """);

        List<RenderedReply> replies = rule.render(MAPPER, "orders/1", json("{}"), 1, NOW);

        assertThat(replies).extracting(r -> r.topic().orElseThrow()).containsExactly("audit", "billing");
        assertThat(replies.get(0).payload().path("id").asText()).isNotBlank()
                .isEqualTo(replies.get(1).payload().path("id").asText());
    }

    @Test
    void aPlaceholderTheRequestCannotFillFailsTheReply() throws Exception {
        Rule rule = only("""
                rules:
                  - name: strict
                    topic: t
                    reply:
                      payload: {name: "{request.name}"}
                """);

        Throwable failure = catchThrowableOfType(RuntimeException.class,
                () -> rule.render(MAPPER, "t", json("{}"), 1, NOW));

        assertThat(failure).isNotNull().hasMessageContaining("name");
    }

    @Test
    void everyProblemIsReportedWithItsLineAndColumn() {
        InvalidRulesException invalid = catchThrowableOfType(InvalidRulesException.class, () -> parser.parse("r.yaml", """
                rules:
                  - name: one
                    topic: a/#/b
                    reply:
                      payload: {}
                  - name: one
                    topic: ok
                    colour: blue
                    when:
                      - path: name
                        equals: x
                      - path: /n
                        greater-than: many
                      - path: /s
                        matches: "(unclosed"
                      - path: /s
                    reply:
                      qos: 3
                      delay: 5h
                      payload: {x: "{requst.name}"}
                """));

        assertThat(invalid.problems()).extracting(RuleProblem::toString).containsExactly(
                "r.yaml:3:12: topic filter 'a/#/b': '#' must occupy a whole level and be the last character [MQTT-4.7.1-2]",
                "r.yaml:6:11: a rule named 'one' comes earlier in the file; names must be unique",
                "r.yaml:8:5: unknown key 'colour' in a rule; known keys: name, reply, topic, when",
                "r.yaml:10:15: path 'name' is not a JSON Pointer: it starts with '/', as in /name or /items/0/sku",
                "r.yaml:13:23: greater-than must be a number",
                "r.yaml:15:18: not a regular expression: Unclosed group near index 9",
                "r.yaml:16:9: a condition has 'path' and exactly one test (equals, present, matches, greater-than, "
                        + "greater-or-equal, less-than, less-or-equal), not none",
                "r.yaml:18:12: qos must be 0, 1 or 2, not 3",
                "r.yaml:19:14: delay '5h' is not a duration such as 250ms, 2s or 1m",
                "r.yaml:20:20: placeholder {requst.name} names 'requst'; a placeholder starts with counter, levels, "
                        + "request, rule, timestamp, topic, uuid");
        assertThat(invalid.getMessage()).startsWith("10 problems in the rules:\nr.yaml:3:12: ");
    }

    @Test
    void yamlThatDoesNotParseIsReportedWhereItBreaks() {
        InvalidRulesException invalid = catchThrowableOfType(InvalidRulesException.class, () -> parser.parse("bad.yaml", """
                rules:
                  - name: a
                    topic: [unclosed
                """));

        assertThat(invalid.problems()).hasSize(1);
        assertThat(invalid.problems().get(0).toString()).startsWith("bad.yaml:4:1: not valid YAML: ");
    }

    @Test
    void aDelayLongerThanTheMaximumIsRefused() {
        InvalidRulesException invalid = catchThrowableOfType(InvalidRulesException.class, () -> parser.parse("d.yaml", """
                rules:
                  - name: slow
                    topic: t
                    reply:
                      delay: 1m
                      payload: {}
                """));

        assertThat(invalid.problems()).extracting(RuleProblem::toString)
                .containsExactly("d.yaml:5:14: delay 1m is longer than the maximum, 10000ms (autoresponder.rules.max-delay)");
    }

    @Test
    void aFileWithOnlyCommentsHasNoRulesButABlankOneIsRefusedAsPossiblyTruncated() throws Exception {
        assertThat(parser.parse("empty.yaml", "# nothing yet\n").rules()).isEmpty();
        assertThat(parser.parse("empty.yaml", "rules: []\n").rules()).isEmpty();
        assertThatThrownBy(() -> parser.parse("blank.yaml", " \n")).isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining("blank.yaml:1:1: the file is empty; a file without rules says 'rules: []'");
    }

    @Test
    void aSharedSubscriptionFilterMatchesTopicsWithoutItsPrefix() throws Exception {
        Rule rule = only("""
                rules:
                  - name: shared
                    topic: $share/workers/jobs/+
                    reply:
                      payload: {}
                """);

        assertThat(rule.filter()).isEqualTo("$share/workers/jobs/+");
        assertThat(rule.matches("jobs/1", json("{}"))).isTrue();
    }

    @Test
    void yamlObjectTagsAreNotConstructed() {
        InvalidRulesException invalid = catchThrowableOfType(InvalidRulesException.class, () -> parser.parse("t.yaml", """
                rules: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["x"]]]]
                """));

        assertThat(invalid.problems()).extracting(RuleProblem::toString).singleElement().asString()
                .startsWith("t.yaml:1:8: not valid YAML: Global tag is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "docs/rules.md"})
    void theRulesShownInTheDocumentationLoad(String document) throws Exception {
        String text = Files.readString(Path.of(document));
        Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertThat(block.find()).as("a yaml block in %s", document).isTrue();

        assertThat(parser.parse(document, block.group(1)).rules()).isNotEmpty();
    }

    private Rule only(String yaml) throws InvalidRulesException {
        return parser.parse("rules.yaml", yaml).rules().get(0);
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
