package io.autoresponder.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ACL decisions for one client: grants, denies, %c/%u patterns and values that must not widen access. */
class ClientPermissionsTest {

    private static final AclRules RULES = rules(
            "topic read public/#",
            "user alice",
            "topic readwrite sensors/#",
            "topic deny sensors/secret/#",
            "topic write alerts",
            "pattern readwrite devices/%c/#",
            "pattern read users/%u/inbox",
            "pattern deny devices/%c/firmware");

    @Test
    void withoutAclEverythingIsAllowed() {
        ClientPermissions all = ClientPermissions.of(AclRules.NONE, "c", null);

        assertThat(all.mayPublish("any/topic")).isTrue();
        assertThat(all.maySubscribe("#")).isTrue();
        assertThat(all.mayReceive("$SYS/broker/uptime")).isTrue();
    }

    @ParameterizedTest(name = "{0} as {1}: publish {2} -> {3}")
    @CsvSource({
            "anonymous client gets only the anonymous rules, , public/news, false",
            "user rule grants write, alice, sensors/t1, true",
            "write-only rule grants write, alice, alerts, true",
            "deny wins over a broader grant, alice, sensors/secret/key, false",
            "no rule means denied, alice, other, false",
            "pattern with the own client id, alice, devices/dev-1/state, true",
            "pattern with another client id, alice, devices/dev-2/state, false",
            "deny pattern wins over allow pattern, alice, devices/dev-1/firmware, false",
            "read-only pattern grants no write, alice, users/alice/inbox, false",
    })
    void publish(String scenario, String user, String topic, boolean allowed) {
        assertThat(ClientPermissions.of(RULES, "dev-1", user).mayPublish(topic)).as(scenario).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} as {1}: receive {2} -> {3}")
    @CsvSource({
            "anonymous read rule, , public/news, true",
            "anonymous client gets no %u pattern, , users/null/inbox, false",
            "user has no anonymous rules, alice, public/news, false",
            "pattern with the own user name, alice, users/alice/inbox, true",
            "pattern with another user name, alice, users/bob/inbox, false",
            "write-only rule grants no read, alice, alerts, false",
            "deny holds for messages under a granted filter, alice, sensors/secret/key, false",
    })
    void receive(String scenario, String user, String topic, boolean allowed) {
        assertThat(ClientPermissions.of(RULES, "dev-1", user).mayReceive(topic)).as(scenario).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}: subscribe {1} -> {2}")
    @CsvSource({
            "inside a read grant, sensors/+/temp, true",
            "the grant itself, sensors/#, true",
            "partly denied is granted and filtered per message, sensors/#, true",
            "wholly denied, sensors/secret/#, false",
            "wider than the grants: granted and filtered per message, #, true",
            "outside every grant, other/#, false",
            "shared subscription judged by its filter, $share/g/sensors/t1, true",
            "shared subscription outside the grants, $share/g/other, false",
            "own device subtree, devices/dev-1/#, true",
            "every device: granted and filtered per message, devices/+/state, true",
            "another device only, devices/dev-2/#, false",
    })
    void subscribe(String scenario, String filter, boolean allowed) {
        assertThat(ClientPermissions.of(RULES, "dev-1", "alice").maySubscribe(filter)).as(scenario).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "client id ''{0}'' gets nothing from devices/%c/# on {1}")
    @CsvSource({
            "'+', devices/dev-2/state",         // would become devices/+/#
            "'#', devices/dev-2/state",         // would become devices/#/#
            "'dev-2/x', devices/dev-2/x/state", // would step into dev-2's subtree
    })
    void clientIdsWithWildcardsOrSlashesDoNotWidenAccess(String clientId, String topic) {
        ClientPermissions permissions = ClientPermissions.of(rules("pattern readwrite devices/%c/#"), clientId, null);

        assertThat(permissions.mayPublish(topic)).isFalse();
        assertThat(permissions.maySubscribe("devices/+/#")).isFalse();
        assertThat(permissions.mayReceive(topic)).isFalse();
    }

    @Test
    void aUserNameWithAWildcardGetsNothingFromUserNamePatterns() {
        ClientPermissions permissions = ClientPermissions.of(rules("pattern read users/%u/#"), "c", "#");

        assertThat(permissions.mayReceive("users/bob/inbox")).isFalse();
        assertThat(permissions.maySubscribe("users/#")).isFalse();
    }

    @Test
    void aDenyPatternThatCannotBeFilledInSafelyDeniesEverything() {
        ClientPermissions permissions = ClientPermissions.of(
                rules("topic readwrite #", "pattern deny devices/%c/#"), "a/b", null);

        assertThat(permissions.mayPublish("anything")).isFalse();
    }

    private static AclRules rules(String... lines) {
        AclRules.Builder builder = new AclRules.Builder();
        AclParser.parse(List.of(lines), "test", builder);
        return builder.build();
    }
}
