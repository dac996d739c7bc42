package io.autoresponder.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The console as in production: enabled, behind a login. User {@value #USER} has the console's role, user
 * {@value #OTHER_USER} has another one. A small rules file, so the console has rules to show.
 */
public class ConsoleProfile implements QuarkusTestProfile {

    static final String USER = "ops";
    static final String PASSWORD = "console-secret";
    static final String OTHER_USER = "guest";
    static final String OTHER_PASSWORD = "guest-secret";
    static final String ROLE = "autoresponder-console";

    static final String RULES = """
            rules:
              - name: ping
                topic: ping
                reply:
                  payload: "pong {request.seq}"
              - name: lamp
                topic: devices/+/get
                reply:
                  topic: devices/{levels.1}/state
                  payload: {device: "{levels.1}", power: "on"}
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("autoresponder.console.enabled", "true"),
                Map.entry("autoresponder.console.login-required", "true"),
                Map.entry("quarkus.security.users.embedded.plain-text", "true"),
                Map.entry("quarkus.security.users.embedded.users." + USER, PASSWORD),
                Map.entry("quarkus.security.users.embedded.roles." + USER, ROLE),
                Map.entry("quarkus.security.users.embedded.users." + OTHER_USER, OTHER_PASSWORD),
                Map.entry("quarkus.security.users.embedded.roles." + OTHER_USER, "viewer"),
                // Payloads of several kilobytes shown whole: a browser that does not read falls behind quickly.
                Map.entry("autoresponder.console.payload-chars", "8192"),
                Map.entry("autoresponder.console.reply-timeout", "2s"),
                Map.entry("autoresponder.rules.file", rulesFile().toString()));
    }

    private static Path rulesFile() {
        try {
            Path file = Files.createTempDirectory("console-rules").resolve("rules.yaml");
            Files.writeString(file, RULES);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
