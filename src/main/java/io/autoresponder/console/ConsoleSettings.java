package io.autoresponder.console;

/** Checks of the console's configuration, with the key to fix in every message. */
final class ConsoleSettings {

    private ConsoleSettings() {
    }

    /** The console's path without a trailing slash. */
    static String path(ConsoleConfig config) {
        String path = config.path().trim();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    static void check(ConsoleConfig config) {
        String path = path(config);
        if (!path.startsWith("/") || path.length() < 2 || path.contains("*") || path.contains(" ")) {
            throw invalid("path", "must be a path such as /console, not '" + config.path() + "'");
        }
        if (config.loginRequired() && config.role().isBlank()) {
            throw invalid("role", "must name a role when a login is required");
        }
        range("recent-messages", config.recentMessages(), 1, 10_000);
        range("payload-chars", config.payloadChars(), 16, 65_536);
        range("browser-queue", config.browserQueue(), 1, 100_000);
        range("max-browsers", config.maxBrowsers(), 1, 1_000);
        range("max-topics", config.maxTopics(), 1, 100_000);
        if (config.replyTimeout().isNegative() || config.replyTimeout().isZero()
                || config.replyTimeout().toSeconds() > 300) {
            throw invalid("reply-timeout", "must be more than 0 and at most 300s, not " + config.replyTimeout());
        }
    }

    private static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(key, "must be " + min + ".." + max + ", not " + value);
        }
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException("autoresponder.console." + key + " " + problem);
    }
}
