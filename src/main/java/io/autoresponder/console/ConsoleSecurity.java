package io.autoresponder.console;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.security.HttpSecurity;

/**
 * Puts the console behind HTTP Basic and {@link ConsoleConfig#role()} with Quarkus security, whichever identity
 * provider the application has (the standalone service: users in {@code quarkus.security.users.embedded.*}).
 * Nothing to guard when the console is off, or in dev mode where {@link ConsoleConfig#loginRequired()} is false.
 */
@Singleton
class ConsoleSecurity {

    void secure(@Observes HttpSecurity http, ConsoleConfig config) {
        if (!config.enabled() || !config.loginRequired()) {
            return;
        }
        String base = ConsoleSettings.path(config);
        http.path(base, base + "/*").basic().roles(config.role());
    }
}
