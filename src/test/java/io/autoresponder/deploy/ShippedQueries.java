package io.autoresponder.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The PromQL the chart ships, read from what {@code helm template} renders with the dashboard and the alert rules
 * on: every query of the Grafana dashboard (panels and template variables) and every alert's expression.
 */
final class ShippedQueries {

    static final String DASHBOARD_KEY = "autoresponder.json";

    /** One query and where it is, e.g. "panel 'Requests/s' A" or "alert AutoresponderDown". */
    record Query(String where, String expr) {
    }

    private ShippedQueries() {
    }

    /** The chart in embedded mode (every alert) with the dashboard's ConfigMap and the PrometheusRule on. */
    static RenderedChart render() {
        return RenderedChart.parse(RenderedChart.template().withName("ar").withNamespace("responders")
                .set("grafana.dashboard.enabled", true).set("prometheusRule.enabled", true).call());
    }

    /** The dashboard the rendered chart ships, parsed. */
    static JsonNode dashboard(RenderedChart chart) {
        String json = chart.one("ConfigMap", "-dashboard").at("/data/" + DASHBOARD_KEY).asText();
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard is not valid JSON", e);
        }
    }

    /** Every PromQL query of a dashboard: panel targets (rows' nested panels too) and query variables. */
    static List<Query> dashboardQueries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        addPanelQueries(dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                queries.add(new Query("variable " + variable.path("name").asText(),
                        query.isTextual() ? query.asText() : query.path("query").asText()));
            }
        }
        return queries;
    }

    private static void addPanelQueries(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                        target.path("expr").asText()));
            }
            addPanelQueries(panel.path("panels"), queries);
        }
    }

    /** Every alert's expression in the rendered PrometheusRule. */
    static List<Query> ruleQueries(RenderedChart chart) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode group : chart.one("PrometheusRule").at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? "alert " + rule.path("alert").asText()
                        : "record " + rule.path("record").asText();
                queries.add(new Query(name, rule.path("expr").asText()));
            }
        }
        return queries;
    }

    /** Metric name to the queries that read it. */
    static Map<String, Set<String>> namesUsed(List<Query> queries) {
        Map<String, Set<String>> used = new TreeMap<>();
        for (Query query : queries) {
            for (String name : PromQlNames.of(query.expr())) {
                used.computeIfAbsent(name, n -> new TreeSet<>()).add(query.where());
            }
        }
        return used;
    }
}
