package io.autoresponder.broker.security;

import java.util.Locale;

/** What an ACL rule allows on its topics, with the words of Mosquitto's {@code acl_file}. */
enum AclAccess {
    READ, WRITE, READWRITE, DENY;

    /** Whether the rule lets a client receive (and subscribe to) its topics. */
    boolean grantsRead() {
        return this == READ || this == READWRITE;
    }

    /** Whether the rule lets a client publish to its topics. */
    boolean grantsWrite() {
        return this == WRITE || this == READWRITE;
    }

    /** The access named by {@code word}, or null when it is no access word (then it is the topic itself). */
    static AclAccess parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "write" -> WRITE;
            case "readwrite" -> READWRITE;
            case "deny" -> DENY;
            default -> null;
        };
    }
}
