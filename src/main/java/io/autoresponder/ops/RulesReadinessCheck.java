package io.autoresponder.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.autoresponder.rules.LoadedRules;
import io.autoresponder.rules.RuleProblem;
import io.autoresponder.rules.RulesConfig;
import io.autoresponder.rules.RulesLoader;

/**
 * The rules in force, as readiness data: how many, from which files, since when, and the problems of a change that
 * was refused. Always UP: a refused change leaves the previous rules answering (an invalid file at start stops
 * the start instead).
 */
@Readiness
@ApplicationScoped
public class RulesReadinessCheck implements HealthCheck {

    private final RulesConfig config;
    private final RulesLoader loader;

    RulesReadinessCheck(RulesConfig config, RulesLoader loader) {
        this.config = config;
        this.loader = loader;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("autoresponder-rules").up();
        if (config.file().isEmpty()) {
            return response.withData("file", "none").build();
        }
        LoadedRules loaded = loader.current();
        response.withData("file", config.file().get()).withData("rules", loaded.rules().rules().size())
                .withData("loadedAt", loaded.loadedAt().toString());
        int i = 0;
        for (RuleProblem problem : loaded.problems()) {
            response.withData("problem." + i++, problem.toString());
        }
        return response.build();
    }
}
