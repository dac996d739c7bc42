package io.autoresponder.broker.security;

/**
 * One ACL line: an access on a topic filter. A pattern rule's filter may hold {@code %c} (client identifier)
 * and {@code %u} (user name), replaced per client by {@link ClientPermissions}.
 *
 * @param access what the rule allows, or {@link AclAccess#DENY}
 * @param filter a valid MQTT topic filter (placeholders aside)
 */
record AclRule(AclAccess access, String filter) {

    static final String CLIENT_ID = "%c";
    static final String USER_NAME = "%u";

    boolean usesClientId() {
        return filter.contains(CLIENT_ID);
    }

    boolean usesUserName() {
        return filter.contains(USER_NAME);
    }

    /** This rule with its placeholders replaced; the values must have been checked by the caller. */
    AclRule substituted(String clientId, String userName) {
        String result = filter.replace(CLIENT_ID, clientId);
        if (userName != null) {
            result = result.replace(USER_NAME, userName);
        }
        return new AclRule(access, result);
    }
}
