package io.autoresponder.rules;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Declarative rules, under {@code autoresponder.rules}. */
@ConfigMapping(prefix = "autoresponder.rules")
public interface RulesConfig {

    /**
     * Whether rules and their channels are part of the application. Fixed when the application is built
     * ({@link RulesChannels#ENABLED_KEY}); without a {@link #file()} they answer nothing.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * A rules file (YAML), or a directory whose {@code *.yaml} and {@code *.yml} files are read in name order as
     * one list of rules. None: no rules.
     */
    Optional<String> file();

    /** How often the file (or directory) is checked for changes; a changed one is validated and swapped in. */
    @WithDefault("2s")
    Duration reloadInterval();

    /** Longest {@code delay} a reply may have. */
    @WithDefault("10s")
    Duration maxDelay();

    /** Largest rules file read, in bytes. */
    @WithDefault("1048576")
    int maxFileBytes();
}
