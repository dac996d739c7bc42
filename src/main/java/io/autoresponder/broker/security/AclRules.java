package io.autoresponder.broker.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed access control list: rules for anonymous clients, rules per user name, and pattern rules for every
 * client. {@link #NONE} (nothing configured) allows everything.
 *
 * @param anonymous rules of clients without a user name ({@code topic} lines before any {@code user} line)
 * @param users     rules per user name ({@code topic} lines after {@code user <name>})
 * @param patterns  rules for every client ({@code pattern} lines), with {@code %c}/{@code %u} placeholders
 */
record AclRules(List<AclRule> anonymous, Map<String, List<AclRule>> users, List<AclRule> patterns) {

    /** No ACL configured: every client may do everything (the broker's behaviour without ACL). */
    static final AclRules NONE = new AclRules(List.of(), Map.of(), List.of());

    /** Whether any rule is configured; without rules the ACL is off. */
    boolean configured() {
        return this != NONE;
    }

    /** The topic rules of one user, or of anonymous clients when {@code userName} is null. */
    List<AclRule> topicRulesOf(String userName) {
        return userName == null ? anonymous : users.getOrDefault(userName, List.of());
    }

    /** Collects rules while reading one or more sources. */
    static final class Builder {
        private final List<AclRule> anonymous = new ArrayList<>();
        private final Map<String, List<AclRule>> users = new HashMap<>();
        private final List<AclRule> patterns = new ArrayList<>();
        private boolean any;

        void topic(String user, AclRule rule) {
            any = true;
            (user == null ? anonymous : users.computeIfAbsent(user, name -> new ArrayList<>())).add(rule);
        }

        void pattern(AclRule rule) {
            any = true;
            patterns.add(rule);
        }

        /** A {@code user} line with no topic lines still turns the ACL on (that user may do nothing). */
        void user(String user) {
            any = true;
            users.computeIfAbsent(user, name -> new ArrayList<>());
        }

        AclRules build() {
            if (!any) {
                return NONE;
            }
            Map<String, List<AclRule>> frozen = new HashMap<>();
            users.forEach((name, rules) -> frozen.put(name, List.copyOf(rules)));
            return new AclRules(List.copyOf(anonymous), Map.copyOf(frozen), List.copyOf(patterns));
        }
    }
}
