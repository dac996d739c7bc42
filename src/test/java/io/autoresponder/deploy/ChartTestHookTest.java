package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code helm test}: a pod that makes one request/reply round trip through the release's MQTT Service with
 * mosquitto_rr, as the chart's MQTT user when the broker has one.
 */
class ChartTestHookTest {

    @Test
    void theTestPodIsAHelmTestHookThatAsksTheResponderAndWaitsForTheReply() {
        RenderedChart chart = RenderedChart.render(t -> t);
        JsonNode pod = testPod(chart);
        JsonNode container = pod.at("/spec/containers/0");

        assertThat(pod.at("/metadata/annotations/helm.sh~1hook").asText()).isEqualTo("test");
        assertThat(pod.at("/metadata/annotations/helm.sh~1hook-delete-policy").asText())
                .isEqualTo("before-hook-creation,hook-succeeded");
        assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Never");
        assertThat(container.path("image").asText()).isEqualTo("eclipse-mosquitto:2.0.20");
        assertThat(texts(container.path("command"))).containsExactly("mosquitto_rr");
        assertThat(texts(container.path("args"))).containsExactly("-h", "ar-autoresponder", "-p", "1883",
                "-u", "$(MQTT_USERNAME)", "-P", "$(MQTT_PASSWORD)", "-t", "test", "-e", "other/helm-test", "-q", "1",
                "-W", "30", "-m", "{\"talk\":\"helm test\",\"name\":\"ar\"}");
        assertThat(env(container)).containsEntry("MQTT_USERNAME", "autoresponder")
                .containsEntry("MQTT_PASSWORD", "secret ar-autoresponder-broker-auth/password");
        assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    }

    @Test
    void theTestPodIsNoneOfTheServicesPods() {
        RenderedChart chart = RenderedChart.render(t -> t);
        Map<String, String> podLabels = RenderedChart.asMap(testPod(chart).at("/metadata/labels"));

        for (JsonNode service : chart.all("Service")) {
            Map<String, String> selector = RenderedChart.asMap(service.at("/spec/selector"));
            assertThat(podLabels.entrySet().containsAll(selector.entrySet()))
                    .as("selected by %s", service.at("/metadata/name").asText()).isFalse();
        }
    }

    @Test
    void anAnonymousBrokerIsTestedWithoutCredentials() {
        JsonNode container = testPod(RenderedChart.render(t -> t.set("broker.embedded.auth.allowAnonymous", true)
                .set("broker.embedded.auth.username", ""))).at("/spec/containers/0");

        assertThat(container.has("env")).isFalse();
        assertThat(texts(container.path("args"))).doesNotContain("-u", "-P");
    }

    @Test
    void imageTimeoutAndTopicAreValues() {
        JsonNode container = testPod(RenderedChart.render(t -> t.set("tests.image.repository", "mirror/mosquitto")
                .set("tests.image.tag", "2.0.21").set("tests.timeoutSeconds", 5).set("responder.requestTopic", "requests/+")
                .set("tests.requestTopic", "requests/helm"))).at("/spec/containers/0");

        assertThat(container.path("image").asText()).isEqualTo("mirror/mosquitto:2.0.21");
        assertThat(String.join(" ", texts(container.path("args")))).contains("-t requests/helm").contains("-W 5");
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("responder.requestTopic", "requests/#")))
                .hasMessageContaining("tests.requestTopic");
    }

    @Test
    void theNetworkPolicyLetsTheTestPodReachTheBroker() {
        RenderedChart chart = RenderedChart.render(t -> t.set("networkPolicy.enabled", true)
                .set("networkPolicy.mqttFrom[0].namespaceSelector.matchLabels.team", "devices"));
        Map<String, String> podLabels = RenderedChart.asMap(testPod(chart).at("/metadata/labels"));
        JsonNode mqttFrom = chart.one("NetworkPolicy").at("/spec/ingress/1/from");

        assertThat(mqttFrom).anySatisfy(peer -> assertThat(podLabels)
                .containsAllEntriesOf(RenderedChart.asMap(peer.at("/podSelector/matchLabels"))).isNotEmpty());
    }

    @Test
    void thereIsNoTestInExternalModeOrWhenSwitchedOff() {
        assertThat(RenderedChart.render(t -> t.withValuesFile(RenderedChart.CHART.resolve("ci/external-values.yaml")))
                .kinds()).doesNotContain("Pod");
        assertThat(RenderedChart.render(t -> t.set("tests.enabled", false)).kinds()).doesNotContain("Pod");
    }

    static JsonNode testPod(RenderedChart chart) {
        return chart.named("Pod", "ar-autoresponder-test-round-trip");
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    /** Name to value, or to "secret name/key" for a value from a Secret. */
    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new java.util.TreeMap<>();
        for (JsonNode variable : container.path("env")) {
            JsonNode ref = variable.at("/valueFrom/secretKeyRef");
            env.put(variable.path("name").asText(), ref.isMissingNode() ? variable.path("value").asText()
                    : "secret " + ref.path("name").asText() + "/" + ref.path("key").asText());
        }
        return env;
    }
}
