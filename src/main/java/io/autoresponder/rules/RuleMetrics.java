package io.autoresponder.rules;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Meters of the rules: matches per rule (names come from the rules file, at most {@value RulesParser#MAX_RULES}). */
@ApplicationScoped
public class RuleMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> matches = new ConcurrentHashMap<>();
    private final Counter unmatched;

    RuleMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unmatched = Counter.builder("autoresponder.rule.unmatched")
                .description("Requests on the rules channel that no rule matched (acknowledged, not answered)")
                .register(registry);
    }

    void matched(String rule) {
        matches.computeIfAbsent(rule, name -> Counter.builder("autoresponder.rule.matches")
                .description("Requests a rule matched and answered (or tried to)").tag("rule", name)
                .register(registry)).increment();
    }

    void unmatched() {
        unmatched.increment();
    }

    void loop(String rule) {
        Counter.builder("autoresponder.rule.loops")
                .description("Replies of a rule that came back to the rules channel and were not answered")
                .tag("rule", rule).register(registry).increment();
    }
}
