package io.autoresponder.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules of one file, in file order. The first rule that matches a request answers it, and only that one:
 * order rules from the most specific to the most general, as in a firewall or a router's table.
 */
public record RuleSet(List<Rule> rules) {

    public static final RuleSet EMPTY = new RuleSet(List.of());

    public RuleSet {
        rules = List.copyOf(rules);
    }

    /** The rule that answers a request on {@code topic} with JSON {@code request}, if any. */
    public Optional<Rule> firstMatch(String topic, JsonNode request) {
        for (Rule rule : rules) {
            if (rule.matches(topic, request)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** Every distinct topic filter, as subscriptions need them. */
    public Set<String> filters() {
        Set<String> filters = new LinkedHashSet<>();
        rules.forEach(rule -> filters.add(rule.filter()));
        return filters;
    }
}
