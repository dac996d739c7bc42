package io.autoresponder.broker.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.autoresponder.mqtt.Topics;

/**
 * What one connected client may publish, subscribe to and receive, worked out once at CONNECT from the
 * {@link AclRules}: its own topic rules (its user's, or the anonymous ones) plus the pattern rules with
 * {@code %c}/{@code %u} replaced. A deny rule that matches wins over every grant; otherwise some grant must match.
 * <p>
 * A client identifier or user name containing {@code +}, {@code #} or {@code /} would turn a pattern into a
 * wider filter or step into another client's subtree ({@code devices/%c/#} with {@code %c = a/b}). Such a value
 * never grants: an allowing pattern that uses it is left out, and a deny pattern that uses it denies that
 * client everything. Mosquitto likewise denies clients with {@code +} or {@code #} in these values.
 */
final class ClientPermissions {

    /** Without an ACL every client may do everything. */
    static final ClientPermissions ALL = new ClientPermissions(true, List.of(), List.of());

    /** A client that may do nothing: no grants. */
    static final ClientPermissions NOTHING = new ClientPermissions(false, List.of(), List.of());

    private final boolean all;
    private final List<String> denied;
    private final List<AclRule> granted;

    private ClientPermissions(boolean all, List<String> denied, List<AclRule> granted) {
        this.all = all;
        this.denied = denied;
        this.granted = granted;
    }

    /** The permissions of a client; {@code userName} is null for anonymous clients. */
    static ClientPermissions of(AclRules rules, String clientId, String userName) {
        if (!rules.configured()) {
            return ALL;
        }
        List<AclRule> applicable = new ArrayList<>(rules.topicRulesOf(userName));
        for (AclRule pattern : rules.patterns()) {
            if (pattern.usesUserName() && userName == null) {
                continue; // no user name to put in: the pattern is not for anonymous clients (as Mosquitto)
            }
            boolean unsafe = (pattern.usesClientId() && widens(clientId))
                    || (pattern.usesUserName() && widens(userName));
            if (!unsafe) {
                applicable.add(pattern.substituted(clientId, userName));
            } else if (pattern.access() == AclAccess.DENY) {
                return NOTHING; // a deny wins over every grant, and this one would cover anything
            }
        }
        List<String> denied = new ArrayList<>();
        List<AclRule> granted = new ArrayList<>();
        for (AclRule rule : applicable) {
            if (rule.access() == AclAccess.DENY) {
                denied.add(rule.filter());
            } else {
                granted.add(rule);
            }
        }
        return new ClientPermissions(false, List.copyOf(denied), List.copyOf(granted));
    }

    /** Whether a substituted value would act as a wildcard or a level separator. */
    static boolean widens(String value) {
        return value != null && (value.indexOf('+') >= 0 || value.indexOf('#') >= 0 || value.indexOf('/') >= 0);
    }

    /** Whether the client may publish to topic name {@code topic} (also asked for its will at CONNECT). */
    boolean mayPublish(String topic) {
        return allows(topic, AclAccess::grantsWrite);
    }

    /** Whether a message on {@code topic} may be delivered to the client (retained ones included). */
    boolean mayReceive(String topic) {
        return allows(topic, AclAccess::grantsRead);
    }

    /** A deny covering {@code topic} wins; otherwise some rule must cover it with the access asked for. */
    private boolean allows(String topic, Predicate<AclAccess> access) {
        if (all) {
            return true;
        }
        for (String filter : denied) {
            if (Topics.matches(filter, topic)) {
                return false;
            }
        }
        for (AclRule rule : granted) {
            if (access.test(rule.access()) && Topics.matches(rule.filter(), topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the client may subscribe to {@code filter} (a shared subscription is judged by its topic filter):
     * no deny rule may cover the whole filter, and some read grant must overlap it, i.e. the subscription could
     * receive something. What it must not receive is held back per message by {@link #mayReceive}, so
     * {@code #} with a grant on {@code sensors/#} delivers the sensors' messages only (as in Mosquitto).
     */
    boolean maySubscribe(String filter) {
        if (all) {
            return true;
        }
        Topics.SharedFilter shared = Topics.SharedFilter.parse(filter);
        String topics = shared == null ? filter : shared.filter();
        for (String deny : denied) {
            if (FilterRelations.covers(deny, topics)) {
                return false;
            }
        }
        for (AclRule rule : granted) {
            if (rule.access().grantsRead() && FilterRelations.overlaps(rule.filter(), topics)) {
                return true;
            }
        }
        return false;
    }
}
