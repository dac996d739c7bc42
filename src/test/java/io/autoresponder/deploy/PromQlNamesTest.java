package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromQlNamesTest {

    static Stream<Arguments> expressions() {
        return Stream.of(
                Arguments.of("bareName", "up", Set.of("up")),
                Arguments.of("matchersAndGrafanaVariables_areNoNames",
                        "autoresponder_ready{namespace=~\"$namespace\", job=~\"$job\", pod=\"a_b\"} == 0",
                        Set.of("autoresponder_ready")),
                Arguments.of("functionsAggregationsAndLabelLists_areNoNames",
                        "histogram_quantile(0.99, sum by (le, pod) (rate(x_seconds_bucket{a=\"b\"}[$__rate_interval])))",
                        Set.of("x_seconds_bucket")),
                Arguments.of("aggregationClauseAfterTheCall",
                        "sum(rate(a_total[5m])) without (instance) / on (pod) group_left (reason) b",
                        Set.of("a_total", "b")),
                Arguments.of("numbersAndKeywords_areNoNames",
                        "a / clamp_min(b, 1e-9) * 60 > 0.05 and c offset 5m or vector(0) unless bool d",
                        Set.of("a", "b", "c", "d")),
                Arguments.of("stringsWithBracesAndCommas_areNoNames", "label_replace(a, \"x\", \"{y}, z\", \"w\", \"(.*)\")",
                        Set.of("a")),
                Arguments.of("grafanaLabelValues_readsOnlyTheSeries",
                        "label_values(autoresponder_ready{namespace=~\"$namespace\"}, job)", Set.of("autoresponder_ready")),
                Arguments.of("misspeltName_isKeptAsWritten", "rate(autoresponder_replies_send_total[1m])",
                        Set.of("autoresponder_replies_send_total")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void readsTheMetricNamesOfAnExpression(String name, String expr, Set<String> expected) {
        assertThat(PromQlNames.of(expr)).containsExactlyInAnyOrderElementsOf(expected);
    }
}
