package io.autoresponder.broker.security;

/** How two topic filters relate: the questions an ACL asks about a SUBSCRIBE. */
final class FilterRelations {

    private FilterRelations() {
    }

    /**
     * Whether every topic name that {@code inner} matches is also matched by {@code outer}; both are valid
     * filters (no {@code $share/} prefix). Like matching, a filter starting with a wildcard covers no topic that
     * starts with {@code $} [MQTT-4.7.2-1], and {@code a/#} covers {@code a} [MQTT-4.7.1-2].
     */
    static boolean covers(String outer, String inner) {
        String[] o = outer.split("/", -1);
        String[] in = inner.split("/", -1);
        if (in[0].startsWith("$") && (o[0].equals("+") || o[0].equals("#"))) {
            return false;
        }
        for (int i = 0; ; i++) {
            if (i == o.length) {
                return i == in.length;
            }
            if (o[i].equals("#")) {
                return true;
            }
            if (i == in.length || in[i].equals("#")) {
                return false;
            }
            if (o[i].equals("+")) {
                continue;
            }
            if (!o[i].equals(in[i])) {
                return false; // a literal level covers only itself, never a '+'
            }
        }
    }

    /**
     * Whether some topic name is matched by both filters (valid, no {@code $share/} prefix): a subscription
     * overlapping a read grant can receive something, the rest being filtered per message.
     */
    static boolean overlaps(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        if (wildcardMeetsDollar(x[0], y[0]) || wildcardMeetsDollar(y[0], x[0])) {
            return false; // [MQTT-4.7.2-1]: one matches only $ topics, the other none
        }
        for (int i = 0; ; i++) {
            boolean xEnds = i == x.length;
            boolean yEnds = i == y.length;
            if (xEnds || yEnds) {
                // Both end together, or the longer one ends in '#' which also matches its parent [MQTT-4.7.1-2].
                return xEnds && yEnds || (xEnds ? y[i] : x[i]).equals("#");
            }
            if (x[i].equals("#") || y[i].equals("#")) {
                return true;
            }
            if (!x[i].equals("+") && !y[i].equals("+") && !x[i].equals(y[i])) {
                return false;
            }
        }
    }

    private static boolean wildcardMeetsDollar(String level, String otherLevel) {
        return (level.equals("+") || level.equals("#")) && otherLevel.startsWith("$");
    }
}
