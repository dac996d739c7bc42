package io.autoresponder.rules;

import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;

import io.autoresponder.connector.ChannelTopics;

/** The topic filters of the rules in force, which the rules channel subscribes to ({@code topics-from=rules}). */
@ApplicationScoped
@Identifier(RuleTopics.NAME)
public class RuleTopics implements ChannelTopics {

    /** The name the rules channel's {@code topics-from} attribute gives. */
    public static final String NAME = "rules";

    private final RulesLoader loader;

    RuleTopics(RulesLoader loader) {
        this.loader = loader;
    }

    @Override
    public Set<String> filters() {
        return loader.current().rules().filters();
    }

    @Override
    public void onChange(Consumer<Set<String>> listener) {
        loader.onReload(rules -> listener.accept(rules.filters()));
    }
}
