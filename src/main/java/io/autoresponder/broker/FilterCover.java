package io.autoresponder.broker;

/** Whether one topic filter includes another: the question an ACL asks about a SUBSCRIBE. */
final class FilterCover {

    private FilterCover() {
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
}
