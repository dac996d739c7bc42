package io.autoresponder.broker.security;

import java.util.List;

import io.autoresponder.mqtt.Topics;

/**
 * Reads ACL lines in the format of Mosquitto's {@code acl_file}:
 * <pre>
 * # comment
 * topic [read|write|readwrite|deny] &lt;filter&gt;     anonymous clients (before any user line)
 * user &lt;name&gt;                                     the topic lines below are this user's
 * topic [read|write|readwrite|deny] &lt;filter&gt;
 * pattern [read|write|readwrite|deny] &lt;filter&gt;   every client; %c = client id, %u = user name
 * </pre>
 * The access word is optional (readwrite). Every error names its source and line.
 */
final class AclParser {

    private AclParser() {
    }

    /** Adds the rules of {@code lines} to {@code into}; each source starts with anonymous clients' rules. */
    static void parse(List<String> lines, String source, AclRules.Builder into) {
        String user = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1) + " (" + line + ")";
            String[] keywordAndRest = line.split("\\s+", 2);
            String keyword = keywordAndRest[0];
            String rest = keywordAndRest.length > 1 ? keywordAndRest[1].strip() : "";
            switch (keyword) {
                case "user" -> {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException(where + ": 'user' needs a user name");
                    }
                    user = rest;
                    into.user(user);
                }
                case "topic" -> into.topic(user, rule(rest, where, false));
                case "pattern" -> into.pattern(rule(rest, where, true));
                default -> throw new IllegalArgumentException(
                        where + ": expected 'topic', 'pattern' or 'user', found '" + keyword + "'");
            }
        }
    }

    private static AclRule rule(String rest, String where, boolean pattern) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(where + ": a topic filter is missing");
        }
        String[] accessAndFilter = rest.split("\\s+", 2);
        AclAccess access = AclAccess.parse(accessAndFilter[0]);
        String filter = access == null ? rest : accessAndFilter.length > 1 ? accessAndFilter[1].strip() : "";
        if (access == null) {
            access = AclAccess.READWRITE;
        }
        if (filter.isEmpty()) {
            throw new IllegalArgumentException(where + ": a topic filter is missing after '" + accessAndFilter[0] + "'");
        }
        // Placeholders stand for one plain level (values with + # / never grant: ClientPermissions).
        String checked = pattern ? filter.replace(AclRule.CLIENT_ID, "c").replace(AclRule.USER_NAME, "u") : filter;
        String error = Topics.filterError(checked);
        if (error == null && Topics.SharedFilter.parse(checked) != null) {
            error = "ACL filters name topics, not shared subscriptions: write the filter without $share/{group}/";
        }
        if (error != null) {
            throw new IllegalArgumentException(where + ": invalid topic filter: " + error);
        }
        return new AclRule(access, filter);
    }
}
