package io.autoresponder.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.autoresponder.broker.EmbeddedBroker;
import io.autoresponder.broker.connection.ConnectedClient;
import io.autoresponder.rules.LoadedRules;
import io.autoresponder.rules.Rule;
import io.autoresponder.rules.RuleProblem;
import io.autoresponder.rules.RulesConfig;
import io.autoresponder.rules.RulesLoader;

/**
 * What the console shows beside the live traffic, read when a browser asks: counters per topic, the rules in
 * force with their matches and the problems of a refused change, connected clients of the embedded broker, and
 * the feed's own figures. Lists are bounded; totals say how many there are.
 */
@Singleton
class ConsoleState {

    static final int SHOWN = 100;

    private final TrafficFeed feed;
    private final EmbeddedBroker broker;
    private final RulesConfig rulesConfig;
    private final RulesLoader rules;
    private final MeterRegistry registry;

    ConsoleState(TrafficFeed feed, EmbeddedBroker broker, RulesConfig rulesConfig, RulesLoader rules,
            MeterRegistry registry) {
        this.feed = feed;
        this.broker = broker;
        this.rulesConfig = rulesConfig;
        this.rules = rules;
        this.registry = registry;
    }

    Map<String, Object> snapshot(TestPublisher publisher) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("broker", publisher.describe());
        state.put("topics", Map.of("total", feed.topics().size(), "shown", feed.topics().mostRecent(SHOWN)));
        state.put("rules", rules());
        state.put("clients", clients());
        state.put("feed", Map.of("recent", feed.recentCount(), "browsers", feed.browsers(), "dropped", feed.dropped()));
        return state;
    }

    private Map<String, Object> rules() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", rulesConfig.enabled() && rulesConfig.file().isPresent());
        if (!rulesConfig.enabled() || rulesConfig.file().isEmpty()) {
            return view;
        }
        LoadedRules loaded = rules.current();
        view.put("files", loaded.files());
        view.put("loadedAt", loaded.loadedAt().toString());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Rule rule : loaded.rules().rules()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", rule.name());
            item.put("filter", rule.filter());
            item.put("replies", rule.replies().size());
            item.put("matches", count("autoresponder.rule.matches", rule.name()));
            list.add(item);
        }
        view.put("rules", list);
        view.put("unmatched", count("autoresponder.rule.unmatched", null));
        List<Map<String, Object>> problems = new ArrayList<>();
        for (RuleProblem problem : loaded.problems()) {
            problems.add(Map.of("file", problem.file(), "line", problem.line(), "column", problem.column(),
                    "message", problem.message(), "text", problem.toString()));
        }
        view.put("problems", problems);
        return view;
    }

    private Map<String, Object> clients() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("embedded", broker.isEnabled());
        if (!broker.isEnabled()) {
            return view;
        }
        view.put("total", broker.connectionCount());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ConnectedClient client : broker.clients(SHOWN)) {
            list.add(Map.of("clientId", client.clientId(), "address", client.address(),
                    "protocol", client.protocolVersion() == 5 ? "MQTT 5.0" : "MQTT 3.1.1",
                    "keepAlive", client.keepAliveSeconds(), "connectedAt", client.connectedAt().toString()));
        }
        view.put("shown", list);
        return view;
    }

    private long count(String meter, String rule) {
        var search = registry.find(meter);
        if (rule != null) {
            search = search.tag("rule", rule);
        }
        Counter counter = search.counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
