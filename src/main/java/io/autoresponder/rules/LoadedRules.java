package io.autoresponder.rules;

import java.time.Instant;
import java.util.List;

/**
 * What the rules loader holds: the rules in force and, if the file changed since into something invalid, why
 * that change was refused (the rules in force are then the previous ones).
 *
 * @param rules    the rules requests are answered by
 * @param loadedAt when they were read
 * @param files    the files they came from, in order
 * @param problems what is wrong with the file as it is now; empty when it is what is in force
 */
public record LoadedRules(RuleSet rules, Instant loadedAt, List<String> files, List<RuleProblem> problems) {

    public LoadedRules {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }
}
