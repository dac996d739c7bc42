package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The chart's README lists every value of values.yaml as its {@code # --} comment describes it. */
class ChartReadmeTest {

    @Test
    void theReadmesValuesTableIsTheOneValuesYamlMakes() throws IOException {
        if (Boolean.getBoolean("chart.readme.write")) {
            ChartReadme.main(new String[0]);
        }
        assertThat(ChartReadme.committedTable(Files.readString(ChartReadme.README)))
                .as("helm/autoresponder/README.md's values table is out of date with values.yaml: regenerate it with "
                        + "./mvnw -o test -Dtest=ChartReadmeTest -Dchart.readme.write=true")
                .isEqualTo(ChartReadme.generatedTable());
    }

    @Test
    void everyLeafValueIsDocumented() throws IOException {
        List<ChartReadme.Row> rows = ChartReadme.rows(Files.readAllLines(ChartReadme.VALUES));

        assertThat(rows).extracting(ChartReadme.Row::key).contains("replicaCount", "image.digest",
                "broker.embedded.auth.allowAnonymous", "broker.embedded.auth.passwordFile.existingSecret",
                "autoscaling.requestRate.metricName", "prometheusRule.alerts.down.severity", "tests.image.tag",
                "service.http.type", "extraEnv", "podSecurityContext");
        assertThat(rows).allSatisfy(row -> assertThat(row.description()).as(row.key()).isNotBlank());
    }

    @Test
    void aBlockDefaultIsShownOnOneLineAndAnInlineCommentIsLeftOut() {
        List<ChartReadme.Row> rows = ChartReadme.rows(List.of("a:", "  # -- The b.", "  b:", "    - x", "    - y",
                "  # -- The c.", "  c: 3  # not part of it"));

        assertThat(rows).containsExactly(new ChartReadme.Row("a.b", "- x - y", "The b."),
                new ChartReadme.Row("a.c", "3", "The c."));
    }
}
