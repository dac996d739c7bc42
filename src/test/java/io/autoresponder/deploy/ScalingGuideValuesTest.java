package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm values docs/scaling.md proposes for a million requests per second are values the chart takes: they pass
 * its schema and render an autoscaler on CPU and request rate over a shared subscription.
 */
class ScalingGuideValuesTest {

    @Test
    void theScalingGuidesValuesRenderAnAutoscalerOnCpuAndRequestRate(@TempDir Path dir) throws IOException {
        String guide = Files.readString(Path.of("docs", "scaling.md"));
        int heading = guide.indexOf("**Helm values**");
        assertThat(heading).as("the guide's Helm values").isPositive();
        int start = guide.indexOf("```yaml\n", heading) + "```yaml\n".length();
        Path values = Files.writeString(dir.resolve("scaling-values.yaml"), guide.substring(start, guide.indexOf("```", start)));

        RenderedChart chart = RenderedChart.render(t -> t.withValuesFile(values));

        assertThat(chart.one("HorizontalPodAutoscaler").at("/spec/metrics")).extracting(m -> m.path("type").asText())
                .containsExactlyInAnyOrder("Resource", "Pods");
        assertThat(chart.configEnv()).containsEntry("MP_MESSAGING_INCOMING_TEST_TOPIC", "$share/autoresponder/test");
    }
}
