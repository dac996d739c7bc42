package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/**
 * values.schema.json: Helm checks the values against it before rendering anything, so a wrong type, an unknown
 * choice or a misspelt key stops {@code helm install} with a message that names the key.
 */
class ChartValuesSchemaTest {

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of("replicaCount", "two", "at '/replicaCount': got string, want integer"),
                Arguments.of("replicaCount", -1, "at '/replicaCount': minimum: got -1, want 0"),
                Arguments.of("broker.mode", "both", "at '/broker/mode': value must be one of 'embedded', 'external'"),
                Arguments.of("broker.embedded.port", 0, "at '/broker/embedded/port': minimum: got 0, want 1"),
                Arguments.of("broker.embedded.port", 70000, "at '/broker/embedded/port': maximum: got 70,000, want 65,535"),
                Arguments.of("broker.embedded.persistence.fsync", "sometimes",
                        "at '/broker/embedded/persistence/fsync': value must be one of 'never', 'interval', 'always'"),
                Arguments.of("broker.embedded.tls.clientAuth", "optional",
                        "at '/broker/embedded/tls/clientAuth': value must be one of 'none', 'request', 'required'"),
                Arguments.of("broker.embedded.auth.allowAnonymous", "yes",
                        "at '/broker/embedded/auth/allowAnonymous': got string, want boolean"),
                Arguments.of("service.type", "Public",
                        "at '/service/type': value must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'"),
                Arguments.of("image.digest", "latest", "at '/image/digest'"),
                Arguments.of("replicas", 2, "at '': additional properties 'replicas' not allowed"),
                Arguments.of("broker.embeded.port", 1884, "at '/broker': additional properties 'embeded' not allowed"),
                Arguments.of("autoscaling.requestRate.metric", "x",
                        "at '/autoscaling/requestRate': additional properties 'metric' not allowed"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("wrongValues")
    void aWrongValueIsRefusedNamingItsKey(String key, Object value, String message) {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(message);
    }

    @Test
    void theShippedValuesAndTheCiValuesFilesPassTheSchema() {
        assertThat(RenderedChart.render(t -> t).all()).isNotEmpty();
        assertThat(RenderedChart.render(t -> t.withValuesFile(RenderedChart.CHART.resolve("ci/external-values.yaml")))
                .all()).isNotEmpty();
        assertThat(RenderedChart.render(t -> t.withValuesFile(RenderedChart.CHART.resolve("ci/embedded-values.yaml")))
                .all()).isNotEmpty();
    }

    @Test
    void strictLintPasses() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).as("nothing but the optional icon").allMatch(m -> m.contains("icon is recommended"));
    }

    @Test
    void aClusterOlderThanTheChartsKubeVersionIsRefused() {
        assertThatThrownBy(() -> RenderedChart.parse(new Helm(RenderedChart.CHART).template().withKubeVersion("v1.24.0")
                .call())).hasMessageContaining("chart requires kubeVersion: >=1.25.0-0");
    }
}
