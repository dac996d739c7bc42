package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The chart with every optional part on (ci/embedded-values.yaml, ci/external-values.yaml): extra environment,
 * volumes and spread constraints passed through, the image pinned by digest, MQTT and HTTP on their own Services,
 * the autoscaler on request rate next to CPU.
 */
class ChartEverythingOnTest {

    private static RenderedChart embedded() {
        return RenderedChart.render(t -> t.withValuesFile(RenderedChart.CHART.resolve("ci/embedded-values.yaml")));
    }

    private static RenderedChart external() {
        return RenderedChart.render(t -> t.withValuesFile(RenderedChart.CHART.resolve("ci/external-values.yaml")));
    }

    @Test
    void everyOptionalPartRendersInEmbeddedMode() {
        assertThat(embedded().kinds()).containsExactly("ConfigMap", "ConfigMap", "ConfigMap", "ConfigMap",
                "Deployment", "NetworkPolicy", "PersistentVolumeClaim", "Pod", "PrometheusRule", "Service", "Service",
                "ServiceAccount", "ServiceMonitor");
    }

    @Test
    void extraEnvIsAListOfEnvVarsSoValueFromWorks() {
        JsonNode container = embedded().container();

        assertThat(container.path("env")).anySatisfy(env -> {
            assertThat(env.path("name").asText()).isEqualTo("JAVA_TOOL_OPTIONS");
            assertThat(env.at("/valueFrom/configMapKeyRef/name").asText()).isEqualTo("jvm-options");
        });
        assertThat(container.path("env")).anySatisfy(env -> {
            assertThat(env.path("name").asText()).isEqualTo("AUTORESPONDER_BROKER_MAX_MESSAGE_SIZE");
            assertThat(env.path("value").asText()).isEqualTo("1048576");
        });
        assertThat(container.at("/envFrom/1/secretRef/name").asText()).isEqualTo("more-settings");
    }

    @Test
    void extraEnvAsAMapStillRendersIntoTheConfigMap() {
        RenderedChart chart = RenderedChart.render(t -> t.set("extraEnv.AUTORESPONDER_BROKER_MAX_MESSAGE_SIZE", 1048576));

        assertThat(chart.configEnv()).containsEntry("AUTORESPONDER_BROKER_MAX_MESSAGE_SIZE", "1048576");
        assertThat(chart.container().path("env").findValuesAsText("name"))
                .doesNotContain("AUTORESPONDER_BROKER_MAX_MESSAGE_SIZE");
    }

    @Test
    void extraVolumesAndMountsArePassedThrough() {
        for (RenderedChart chart : new RenderedChart[] { embedded(), external() }) {
            JsonNode pod = chart.deployment().at("/spec/template/spec");
            JsonNode lastVolume = pod.path("volumes").get(pod.path("volumes").size() - 1);
            JsonNode lastMount = chart.container().path("volumeMounts").get(chart.container().path("volumeMounts").size() - 1);
            assertThat(lastMount.path("name").asText()).isEqualTo(lastVolume.path("name").asText());
            assertThat(lastMount.path("readOnly").asBoolean()).isTrue();
        }
        assertThat(embedded().deployment().at("/spec/template/spec/volumes").findValuesAsText("name"))
                .contains("rules", "broker-passwd", "broker-acl", "broker-tls", "broker-store");
    }

    @Test
    void topologySpreadConstraintsArePassedThrough() {
        JsonNode constraints = embedded().deployment().at("/spec/template/spec/topologySpreadConstraints");

        assertThat(constraints.size()).isEqualTo(1);
        assertThat(constraints.at("/0/topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(RenderedChart.render(t -> t).deployment().at("/spec/template/spec").has("topologySpreadConstraints"))
                .isFalse();
    }

    @Test
    void aDigestWinsOverTheTag() {
        assertThat(embedded().container().path("image").asText()).isEqualTo("registry.example.com/autoresponder@"
                + "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(RenderedChart.render(t -> t.set("image.tag", "0.1.1")).container().path("image").asText())
                .isEqualTo("autoresponder:0.1.1");
        assertThat(RenderedChart.render(t -> t).container().path("image").asText()).isEqualTo("autoresponder:0.1.0");
    }

    @Test
    void mqttMayBeALoadBalancerWhileHealthAndMetricsStayInsideTheCluster() {
        RenderedChart chart = embedded();
        JsonNode mqtt = chart.named("Service", "ar-autoresponder");
        JsonNode http = chart.named("Service", "ar-autoresponder-http");

        assertThat(mqtt.at("/spec/type").asText()).isEqualTo("LoadBalancer");
        assertThat(mqtt.at("/spec/ports").findValuesAsText("name")).containsExactly("mqtt", "mqtts", "mqtt-ws");
        assertThat(http.at("/spec/type").asText()).isEqualTo("ClusterIP");
        assertThat(http.at("/spec/ports").findValuesAsText("name")).containsExactly("http");
        JsonNode monitor = chart.one("ServiceMonitor");
        Map<String, String> selected = RenderedChart.asMap(monitor.at("/spec/selector/matchLabels"));
        assertThat(RenderedChart.asMap(http.at("/metadata/labels"))).containsAllEntriesOf(selected);
        assertThat(RenderedChart.asMap(mqtt.at("/metadata/labels")).entrySet().containsAll(selected.entrySet()))
                .as("the ServiceMonitor selects the MQTT Service").isFalse();
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(alertsJob(chart)).isEqualTo("ar-autoresponder-http");
    }

    @Test
    void externalModeHasOnlyTheHttpService() {
        assertThat(external().all("Service")).extracting(s -> s.at("/metadata/name").asText())
                .containsExactly("ar-autoresponder-http");
    }

    @Test
    void theAutoscalerScalesOnRequestRateNextToCpu() {
        JsonNode metrics = external().one("HorizontalPodAutoscaler").at("/spec/metrics");

        assertThat(metrics.size()).isEqualTo(2);
        assertThat(metrics.at("/0/resource/name").asText()).isEqualTo("cpu");
        assertThat(metrics.at("/1/type").asText()).isEqualTo("Pods");
        assertThat(metrics.at("/1/pods/metric/name").asText()).isEqualTo("autoresponder_requests_per_second");
        assertThat(metrics.at("/1/pods/target/type").asText()).isEqualTo("AverageValue");
        assertThat(metrics.at("/1/pods/target/averageValue").asText()).isEqualTo("2000");
        assertThat(RenderedChart.render(t -> t.withValuesFile(RenderedChart.CHART.resolve("ci/external-values.yaml"))
                .set("autoscaling.requestRate.enabled", false)).one("HorizontalPodAutoscaler").at("/spec/metrics").size())
                .as("CPU only unless asked").isEqualTo(1);
    }

    private static String alertsJob(RenderedChart chart) {
        String expr = chart.one("PrometheusRule").at("/spec/groups/0/rules/0/expr").asText();
        return expr.replaceAll(".*job=\"([^\"]+)\".*", "$1");
    }
}
