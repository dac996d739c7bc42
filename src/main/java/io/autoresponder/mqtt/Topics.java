package io.autoresponder.mqtt;

/**
 * Topic name and topic filter rules of MQTT 3.1.1 section 4.7 and MQTT 5.0 section 4.7.
 * Validation methods return a reason (with the spec rule) or {@code null} when valid.
 */
public final class Topics {

    /** U+FFFD stands in for bytes the packet decoder could not read as UTF-8. */
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    private Topics() {
    }

    /** Why {@code name} is not a valid topic name for PUBLISH, or {@code null}. */
    public static String nameError(String name) {
        if (name == null || name.isEmpty()) {
            return "topic name must not be empty [MQTT-4.7.3-1]";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || c == '#') {
                return "topic name must not contain wildcards [MQTT-3.3.2-2]";
            }
            String charError = characterError(c);
            if (charError != null) {
                return charError;
            }
        }
        return null;
    }

    /** Number of levels of a topic name or filter ({@code a/b} has 2, {@code /} has 2). */
    public static int levels(String topic) {
        int levels = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                levels++;
            }
        }
        return levels;
    }

    /** A shared subscription {@code $share/{group}/{filter}} taken apart (MQTT 5.0 section 4.8.2). */
    public record SharedFilter(String group, String filter) {

        private static final String PREFIX = "$share/";

        /** The parts of {@code filter}, or null when it is not a shared-subscription filter. */
        public static SharedFilter parse(String filter) {
            if (!filter.startsWith(PREFIX)) {
                return null;
            }
            int slash = filter.indexOf('/', PREFIX.length());
            if (slash < 0) {
                return new SharedFilter(filter.substring(PREFIX.length()), "");
            }
            return new SharedFilter(filter.substring(PREFIX.length(), slash), filter.substring(slash + 1));
        }
    }

    /** Why {@code filter} is not a valid topic filter for SUBSCRIBE/UNSUBSCRIBE, or {@code null}. */
    public static String filterError(String filter) {
        SharedFilter shared = filter == null ? null : SharedFilter.parse(filter);
        if (shared != null) {
            String group = shared.group();
            if (group.isEmpty() || group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
                return "share name must be non-empty without wildcards [MQTT-4.8.2-1, MQTT-4.8.2-2]";
            }
            return plainFilterError(shared.filter());
        }
        return plainFilterError(filter);
    }

    private static String plainFilterError(String filter) {
        if (filter == null || filter.isEmpty()) {
            return "topic filter must not be empty [MQTT-4.7.3-1]";
        }
        int length = filter.length();
        for (int i = 0; i < length; i++) {
            char c = filter.charAt(i);
            boolean levelStart = i == 0 || filter.charAt(i - 1) == '/';
            boolean levelEnd = i == length - 1 || filter.charAt(i + 1) == '/';
            if (c == '#' && (!levelStart || i != length - 1)) {
                return "'#' must occupy a whole level and be the last character [MQTT-4.7.1-2]";
            }
            if (c == '+' && (!levelStart || !levelEnd)) {
                return "'+' must occupy a whole level [MQTT-4.7.1-3]";
            }
            String charError = characterError(c);
            if (charError != null) {
                return charError;
            }
        }
        return null;
    }

    /**
     * Whether a valid {@code filter} matches a valid topic {@code name}. Filters starting with a wildcard do not
     * match topic names starting with {@code $} [MQTT-4.7.2-1]; {@code a/#} also matches its parent {@code a}.
     */
    public static boolean matches(String filter, String name) {
        if (name.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        int f = 0;
        int t = 0;
        int fl = filter.length();
        int tl = name.length();
        while (true) {
            // Invariant: f and t are at the start of a level.
            if (f < fl && filter.charAt(f) == '#') {
                return true;
            }
            if (f < fl && filter.charAt(f) == '+') {
                while (t < tl && name.charAt(t) != '/') {
                    t++;
                }
                f++;
            } else {
                while (f < fl && t < tl && filter.charAt(f) != '/' && name.charAt(t) != '/') {
                    if (filter.charAt(f) != name.charAt(t)) {
                        return false;
                    }
                    f++;
                    t++;
                }
                boolean filterLevelEnds = f == fl || filter.charAt(f) == '/';
                boolean nameLevelEnds = t == tl || name.charAt(t) == '/';
                if (!filterLevelEnds || !nameLevelEnds) {
                    return false;
                }
            }
            if (f == fl) {
                return t == tl;
            }
            if (t == tl) {
                // The name ended but the filter goes on: only a trailing "/#" still matches.
                return fl - f == 2 && filter.charAt(f + 1) == '#';
            }
            f++;
            t++;
        }
    }

    private static String characterError(char c) {
        if (c == '\u0000') {
            return "topic must not contain U+0000 [MQTT-4.7.3-2]";
        }
        if (c == REPLACEMENT_CHARACTER) {
            return "topic is not well-formed UTF-8 [MQTT-1.5.3-1]";
        }
        return null;
    }
}
