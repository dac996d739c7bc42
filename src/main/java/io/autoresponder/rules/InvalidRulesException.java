package io.autoresponder.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rules file that cannot be loaded, with every problem found in it (not only the first). */
public final class InvalidRulesException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<RuleProblem> problems;

    public InvalidRulesException(List<RuleProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the rules:\n"
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
