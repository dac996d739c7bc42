package io.autoresponder.rules;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.qute.Expression;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

import io.autoresponder.mqtt.Topics;

/**
 * Reads a rules file (YAML) into a {@link RuleSet}, or reports every problem in it with line and column. The
 * YAML is composed into nodes only (no object construction, no custom tags, bounded aliases), so a file cannot
 * make the service run code or blow up memory.
 *
 * <pre>
 * rules:
 *   - name: lamp-on
 *     topic: devices/+/get
 *     when:
 *       - path: /set
 *         equals: "on"
 *     reply:
 *       topic: devices/{levels.1}/state
 *       qos: 1
 *       payload:
 *         device: "{levels.1}"
 *         power: "on"
 *         answered: "{counter}"
 * </pre>
 */
public final class RulesParser {

    /** Most rules in one file: each request is compared with them in order. */
    public static final int MAX_RULES = 1000;
    /** Most replies one rule sends to one request. */
    public static final int MAX_REPLIES = 16;
    /** Most conditions of one rule. */
    public static final int MAX_CONDITIONS = 32;
    /** Longest regular expression accepted. */
    public static final int MAX_PATTERN_LENGTH = 1000;

    static final Set<String> NAMES = Set.of("request", "topic", "levels", "rule", "timestamp", "uuid", "counter");

    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
    private static final Pattern ONE_PLACEHOLDER = Pattern.compile("\\{[^{}#/!\\s][^{}]*}");

    private final Templates templates;
    private final Duration maxDelay;

    RulesParser(Templates templates, Duration maxDelay) {
        this.templates = templates;
        this.maxDelay = maxDelay;
    }

    /**
     * The rules in {@code yaml}, read from {@code file}.
     *
     * @throws InvalidRulesException with every problem found, each with its line and column
     */
    public RuleSet parse(String file, String yaml) throws InvalidRulesException {
        Reading reading = new Reading(file);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            options.setNestingDepthLimit(50);
            options.setCodePointLimit(Math.max(yaml.length(), 1) + 1);
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            reading.problems.add(new RuleProblem(file, mark == null ? 1 : mark.getLine() + 1,
                    mark == null ? 1 : mark.getColumn() + 1, "not valid YAML: " + e.getProblem()));
            throw new InvalidRulesException(reading.problems);
        } catch (YAMLException e) {
            reading.problems.add(new RuleProblem(file, 1, 1, "not valid YAML: " + e.getMessage()));
            throw new InvalidRulesException(reading.problems);
        }
        if (root == null && yaml.isBlank()) {
            // A blank file is far more often one truncated for rewriting (or by mistake) than a wish for no rules;
            // that wish is written down, as 'rules: []' or a comment.
            reading.problems.add(new RuleProblem(file, 1, 1,
                    "the file is empty; a file without rules says 'rules: []'"));
            throw new InvalidRulesException(reading.problems);
        }
        if (root == null) {
            return RuleSet.EMPTY;
        }
        List<Rule> rules = reading.file(root);
        if (!reading.problems.isEmpty()) {
            List<RuleProblem> inFileOrder = new ArrayList<>(reading.problems);
            inFileOrder.sort(java.util.Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
            throw new InvalidRulesException(inFileOrder);
        }
        return new RuleSet(rules);
    }

    /** The problems of one file, collected while reading it. */
    private final class Reading {

        private final String file;
        private final List<RuleProblem> problems = new ArrayList<>();

        Reading(String file) {
            this.file = file;
        }

        List<Rule> file(Node root) {
            Map<String, Node> top = mapping(root, "the rules file", Set.of("rules"));
            if (top == null) {
                return List.of();
            }
            Node list = top.get("rules");
            if (list == null) {
                problem(root, "missing key 'rules': a list of rules");
                return List.of();
            }
            if (!(list instanceof SequenceNode sequence)) {
                problem(list, "'rules' must be a list of rules (each starting with '- name: ...')");
                return List.of();
            }
            if (sequence.getValue().size() > MAX_RULES) {
                problem(list, "too many rules: " + sequence.getValue().size() + ", at most " + MAX_RULES);
                return List.of();
            }
            List<Rule> rules = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Node node : sequence.getValue()) {
                Rule rule = rule(node, names);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            return rules;
        }

        private Rule rule(Node node, Set<String> names) {
            Map<String, Node> keys = mapping(node, "a rule", Set.of("name", "topic", "when", "reply"));
            if (keys == null) {
                return null;
            }
            int before = problems.size();
            String name = requiredText(node, keys, "name", "a rule");
            if (name != null && !RULE_NAME.matcher(name).matches()) {
                problem(keys.get("name"), "rule name '" + name + "' must be 1 to 64 letters, digits, '_', '.' or '-'");
            } else if (name != null && !names.add(name)) {
                problem(keys.get("name"), "a rule named '" + name + "' comes earlier in the file; names must be unique");
            }
            String filter = requiredText(node, keys, "topic", "rule '" + name + "'");
            String matchOn = null;
            if (filter != null) {
                String error = Topics.filterError(filter);
                if (error != null) {
                    problem(keys.get("topic"), "topic filter '" + filter + "': " + error);
                } else {
                    Topics.SharedFilter shared = Topics.SharedFilter.parse(filter);
                    matchOn = shared == null ? filter : shared.filter();
                }
            }
            List<Condition> conditions = conditions(keys.get("when"));
            Node replyNode = keys.get("reply");
            List<ReplyTemplate> replies = new ArrayList<>();
            if (replyNode == null) {
                problem(node, "rule '" + name + "' has no 'reply'");
            } else if (replyNode instanceof SequenceNode list) {
                if (list.getValue().isEmpty() || list.getValue().size() > MAX_REPLIES) {
                    problem(replyNode, "'reply' lists 1 to " + MAX_REPLIES + " replies, not " + list.getValue().size());
                }
                list.getValue().stream().limit(MAX_REPLIES).forEach(reply -> reply(reply).ifPresent(replies::add));
            } else {
                reply(replyNode).ifPresent(replies::add);
            }
            Mark start = node.getStartMark();
            return problems.size() == before ? new Rule(name, filter, matchOn, conditions, replies,
                    new Location(file, start.getLine() + 1, start.getColumn() + 1)) : null;
        }

        private List<Condition> conditions(Node node) {
            if (node == null) {
                return List.of();
            }
            if (!(node instanceof SequenceNode list)) {
                problem(node, "'when' must be a list of conditions (each starting with '- path: ...')");
                return List.of();
            }
            if (list.getValue().size() > MAX_CONDITIONS) {
                problem(node, "too many conditions: " + list.getValue().size() + ", at most " + MAX_CONDITIONS);
                return List.of();
            }
            List<Condition> conditions = new ArrayList<>();
            for (Node item : list.getValue()) {
                condition(item).ifPresent(conditions::add);
            }
            return conditions;
        }

        private Optional<Condition> condition(Node node) {
            Map<String, Node> keys = mapping(node, "a condition", Set.of("path", "equals", "present", "matches",
                    "greater-than", "greater-or-equal", "less-than", "less-or-equal"));
            if (keys == null) {
                return Optional.empty();
            }
            String pathText = requiredText(node, keys, "path", "a condition");
            JsonPointer path = null;
            if (pathText != null) {
                try {
                    path = JsonPointer.compile(pathText);
                } catch (IllegalArgumentException e) {
                    problem(keys.get("path"), "path '" + pathText + "' is not a JSON Pointer: it starts with '/', "
                            + "as in /name or /items/0/sku");
                }
            }
            List<String> tests = keys.keySet().stream().filter(key -> !key.equals("path")).toList();
            if (tests.size() != 1) {
                problem(node, "a condition has 'path' and exactly one test (equals, present, matches, greater-than, "
                        + "greater-or-equal, less-than, less-or-equal), not " + (tests.isEmpty() ? "none" : tests));
                return Optional.empty();
            }
            String test = tests.get(0);
            Node value = keys.get(test);
            if (path == null) {
                return Optional.empty();
            }
            return test(path, test, value);
        }

        private Optional<Condition> test(JsonPointer path, String test, Node value) {
            switch (test) {
                case "equals":
                    return Optional.of(new Condition.Equals(path, json(value)));
                case "present":
                    Boolean present = bool(value, "present");
                    return present == null ? Optional.empty() : Optional.of(new Condition.Present(path, present));
                case "matches":
                    return pattern(value).map(pattern -> new Condition.Matches(path, pattern));
                default:
                    Condition.Operator operator = null;
                    for (Condition.Operator candidate : Condition.Operator.values()) {
                        if (candidate.key().equals(test)) {
                            operator = candidate;
                        }
                    }
                    BigDecimal bound = number(value, test);
                    return bound == null ? Optional.empty() : Optional.of(new Condition.Compare(path, operator, bound));
            }
        }

        private Optional<Pattern> pattern(Node node) {
            String text = scalarText(node, "matches");
            if (text == null) {
                return Optional.empty();
            }
            if (text.length() > MAX_PATTERN_LENGTH) {
                problem(node, "regular expression longer than " + MAX_PATTERN_LENGTH + " characters");
                return Optional.empty();
            }
            try {
                return Optional.of(Pattern.compile(text));
            } catch (PatternSyntaxException e) {
                problem(node, "not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
                return Optional.empty();
            }
        }

        private Optional<ReplyTemplate> reply(Node node) {
            Map<String, Node> keys = mapping(node, "a reply",
                    Set.of("topic", "payload", "qos", "retain", "user-properties", "delay"));
            if (keys == null) {
                return Optional.empty();
            }
            int before = problems.size();
            Optional<Template> topic = Optional.empty();
            if (keys.containsKey("topic")) {
                String text = scalarText(keys.get("topic"), "topic");
                if (text != null && !hasPlaceholder(text) && Topics.nameError(text) != null) {
                    problem(keys.get("topic"), "reply topic '" + text + "': " + Topics.nameError(text));
                } else if (text != null) {
                    topic = Optional.ofNullable(textTemplate(keys.get("topic"), text));
                }
            }
            Node payloadNode = keys.get("payload");
            PayloadTemplate payload = null;
            boolean text = false;
            if (payloadNode == null) {
                problem(node, "a reply has no 'payload' (a JSON object, list or value, or a text)");
            } else {
                text = payloadNode instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR);
                payload = text ? textPayload((ScalarNode) payloadNode) : payload(payloadNode);
            }
            Optional<Integer> qos = Optional.empty();
            if (keys.containsKey("qos")) {
                BigDecimal value = number(keys.get("qos"), "qos");
                if (value != null && !(value.equals(BigDecimal.ZERO) || value.equals(BigDecimal.ONE)
                        || value.equals(BigDecimal.valueOf(2)))) {
                    problem(keys.get("qos"), "qos must be 0, 1 or 2, not " + value);
                } else if (value != null) {
                    qos = Optional.of(value.intValue());
                }
            }
            Boolean retain = keys.containsKey("retain") ? bool(keys.get("retain"), "retain") : Boolean.FALSE;
            Map<String, Template> userProperties = userProperties(keys.get("user-properties"));
            Duration delay = keys.containsKey("delay") ? delay(keys.get("delay")) : Duration.ZERO;
            if (problems.size() != before) {
                return Optional.empty();
            }
            return Optional.of(new ReplyTemplate(topic, payload, text, qos, retain, userProperties, delay));
        }

        private Map<String, Template> userProperties(Node node) {
            if (node == null) {
                return Map.of();
            }
            if (!(node instanceof MappingNode mapping)) {
                problem(node, "'user-properties' must map names to values (name: value)");
                return Map.of();
            }
            Map<String, Template> properties = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String name = scalarText(tuple.getKeyNode(), "a user property name");
                String value = scalarText(tuple.getValueNode(), "a user property value");
                if (name != null && value != null) {
                    Template template = textTemplate(tuple.getValueNode(), value);
                    if (template != null) {
                        properties.put(name, template);
                    }
                }
            }
            return properties;
        }

        private Duration delay(Node node) {
            String text = scalarText(node, "delay");
            if (text == null) {
                return Duration.ZERO;
            }
            Matcher matcher = DURATION.matcher(text.strip());
            if (!matcher.matches()) {
                problem(node, "delay '" + text + "' is not a duration such as 250ms, 2s or 1m");
                return Duration.ZERO;
            }
            long amount = Long.parseLong(matcher.group(1));
            Duration delay = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
            if (delay.compareTo(maxDelay) > 0) {
                problem(node, "delay " + text + " is longer than the maximum, " + maxDelay.toMillis()
                        + "ms (autoresponder.rules.max-delay)");
            }
            return delay;
        }

        private PayloadTemplate payload(Node node) {
            if (node instanceof MappingNode mapping) {
                Map<String, PayloadTemplate> members = new LinkedHashMap<>();
                Set<String> seen = new HashSet<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    String name = scalarText(tuple.getKeyNode(), "a payload member name");
                    if (name != null && !seen.add(name)) {
                        problem(tuple.getKeyNode(), "payload member '" + name + "' appears twice");
                    } else if (name != null) {
                        members.put(name, payload(tuple.getValueNode()));
                    }
                }
                return new PayloadTemplate.Members(members);
            }
            if (node instanceof SequenceNode sequence) {
                List<PayloadTemplate> elements = new ArrayList<>();
                sequence.getValue().forEach(element -> elements.add(payload(element)));
                return new PayloadTemplate.Elements(elements);
            }
            ScalarNode scalar = (ScalarNode) node;
            if (!scalar.getTag().equals(Tag.STR) || !hasPlaceholder(scalar.getValue())) {
                return new PayloadTemplate.Constant(json(scalar));
            }
            String source = scalar.getValue();
            if (ONE_PLACEHOLDER.matcher(source).matches()) {
                Template template = template(scalar, source, templates::json);
                return template == null ? null : new PayloadTemplate.Typed(template);
            }
            Template template = textTemplate(scalar, source);
            return template == null ? null : new PayloadTemplate.Text(template);
        }

        private PayloadTemplate textPayload(ScalarNode scalar) {
            if (!hasPlaceholder(scalar.getValue())) {
                return new PayloadTemplate.Constant(JsonNodeFactory.instance.textNode(scalar.getValue()));
            }
            Template template = textTemplate(scalar, scalar.getValue());
            return template == null ? null : new PayloadTemplate.Text(template);
        }

        private Template textTemplate(Node node, String source) {
            return template(node, source, templates::text);
        }

        private Template template(Node node, String source, java.util.function.Function<String, Template> parse) {
            Template template;
            try {
                template = parse.apply(source);
            } catch (TemplateException e) {
                int line = e.getOrigin() == null ? 1 : Math.max(1, e.getOrigin().getLine());
                Mark start = node.getStartMark();
                problems.add(new RuleProblem(file, start.getLine() + line, line == 1 ? start.getColumn() + 1 : 1,
                        "template '" + source + "': " + e.getMessage()));
                return null;
            }
            for (Expression expression : template.getExpressions()) {
                if (!expression.isLiteral() && !expression.getParts().isEmpty()
                        && !NAMES.contains(expression.getParts().get(0).getName())) {
                    problem(node, "placeholder {" + expression.toOriginalString().replaceAll("^\\{|}$", "")
                            + "} names '" + expression.getParts().get(0).getName() + "'; a placeholder starts with "
                            + String.join(", ", NAMES.stream().sorted().toList()));
                    return null;
                }
            }
            return template;
        }

        private JsonNode json(Node node) {
            if (node instanceof MappingNode mapping) {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                for (NodeTuple tuple : mapping.getValue()) {
                    String name = scalarText(tuple.getKeyNode(), "a member name");
                    if (name != null) {
                        object.set(name, json(tuple.getValueNode()));
                    }
                }
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                var array = JsonNodeFactory.instance.arrayNode();
                sequence.getValue().forEach(element -> array.add(json(element)));
                return array;
            }
            ScalarNode scalar = (ScalarNode) node;
            Tag tag = scalar.getTag();
            String value = scalar.getValue();
            try {
                if (tag.equals(Tag.INT)) {
                    BigInteger number = new BigInteger(value.replace("_", ""));
                    // As a JSON parser would read it, so that constants equal what requests carry.
                    return number.bitLength() < 32 ? JsonNodeFactory.instance.numberNode(number.intValue())
                            : number.bitLength() < 64 ? JsonNodeFactory.instance.numberNode(number.longValue())
                            : JsonNodeFactory.instance.numberNode(number);
                }
                if (tag.equals(Tag.FLOAT)) {
                    return JsonNodeFactory.instance.numberNode(new BigDecimal(value.replace("_", "")));
                }
            } catch (NumberFormatException e) {
                problem(node, "'" + value + "' is not a number JSON can carry");
                return JsonNodeFactory.instance.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return JsonNodeFactory.instance.booleanNode(isTrue(value));
            }
            if (tag.equals(Tag.NULL)) {
                return JsonNodeFactory.instance.nullNode();
            }
            return JsonNodeFactory.instance.textNode(value);
        }

        private Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
            if (!(node instanceof MappingNode mapping)) {
                problem(node, what + " must be a mapping of keys (" + String.join(", ", allowed.stream().sorted().toList())
                        + ")");
                return null;
            }
            Map<String, Node> keys = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalarText(tuple.getKeyNode(), "a key");
                if (key == null) {
                    continue;
                }
                if (!allowed.contains(key)) {
                    problem(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + "; known keys: "
                            + String.join(", ", allowed.stream().sorted().toList()));
                } else if (keys.put(key, tuple.getValueNode()) != null) {
                    problem(tuple.getKeyNode(), "key '" + key + "' appears twice in " + what);
                }
            }
            return keys;
        }

        private String requiredText(Node owner, Map<String, Node> keys, String key, String what) {
            Node node = keys.get(key);
            if (node == null) {
                problem(owner, what + " has no '" + key + "'");
                return null;
            }
            return scalarText(node, key);
        }

        private String scalarText(Node node, String what) {
            if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
                problem(node, what + " must be a single value");
                return null;
            }
            return scalar.getValue();
        }

        private Boolean bool(Node node, String what) {
            if (!(node instanceof ScalarNode scalar) || !scalar.getTag().equals(Tag.BOOL)) {
                problem(node, what + " must be true or false");
                return null;
            }
            return isTrue(scalar.getValue());
        }

        private BigDecimal number(Node node, String what) {
            if (!(node instanceof ScalarNode scalar) || !(scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
                problem(node, what + " must be a number");
                return null;
            }
            try {
                return new BigDecimal(scalar.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                problem(node, what + " '" + scalar.getValue() + "' is not a decimal number");
                return null;
            }
        }

        private void problem(Node node, String message) {
            Mark mark = node.getStartMark();
            problems.add(new RuleProblem(file, mark.getLine() + 1, mark.getColumn() + 1, message));
        }
    }

    private static boolean hasPlaceholder(String text) {
        return text.indexOf('{') >= 0;
    }

    private static boolean isTrue(String yamlBool) {
        return switch (yamlBool.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "y" -> true;
            default -> false;
        };
    }
}
