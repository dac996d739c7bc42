package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The manifests {@code helm template} printed, parsed, with look-ups by kind. */
final class RenderedChart {

    static final Path CHART = Path.of("helm", "autoresponder");
    /**
     * The cluster version to render for: the chart's kubeVersion refuses Helm's built-in default (v1.20.0, which the
     * Helm library helm-java embeds reports, where the helm binary reports its own Kubernetes client's).
     */
    static final String KUBE_VERSION = "v1.30.0";

    static final String RELEASE = "ar";
    static final String NAMESPACE = "responders";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String HOOK = "helm.sh/hook";
    private static final String UNHOOKED = "helm.sh/hook-as-manifest";

    private final List<JsonNode> manifests;

    private RenderedChart(List<JsonNode> manifests) {
        this.manifests = manifests;
    }

    /** {@code helm template} of the chart for {@link #KUBE_VERSION}. */
    static TemplateCommand template() {
        return new Helm(CHART).template().withKubeVersion(KUBE_VERSION);
    }

    /**
     * {@code helm template} that also prints the test hooks, as the helm binary does: helm-java prints a release's
     * manifest without its hooks, so this renders a copy of the chart whose hooks carry their annotation under
     * another name (an ordinary manifest then), and {@link #parse} gives it back its name.
     */
    static TemplateCommand templateWithHooks() {
        try {
            Path copy = Files.createTempDirectory("chart").resolve(CHART.getFileName());
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(CHART.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.writeString(target, Files.readString(file).replace(HOOK + ":", UNHOOKED + ":"));
                    }
                }
            }
            return new Helm(copy).template().withKubeVersion(KUBE_VERSION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chart rendered with its test hooks as release "ar" in namespace "responders", values customised. */
    static RenderedChart render(UnaryOperator<TemplateCommand> values) {
        return parse(values.apply(templateWithHooks().withName(RELEASE).withNamespace(NAMESPACE)).call());
    }

    static RenderedChart parse(String yaml) {
        List<JsonNode> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                // "---" followed by only a comment (an empty template) parses as null or an empty node.
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    JsonNode annotations = document.at("/metadata/annotations");
                    if (annotations.has(UNHOOKED)) {
                        ((ObjectNode) annotations).set(HOOK, ((ObjectNode) annotations).remove(UNHOOKED));
                    }
                    manifests.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template printed invalid YAML:\n" + yaml, e);
        }
        return new RenderedChart(manifests);
    }

    List<JsonNode> all() {
        return manifests;
    }

    List<String> kinds() {
        return manifests.stream().map(m -> m.path("kind").asText()).sorted().toList();
    }

    /** Every manifest of this kind. */
    List<JsonNode> all(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
    }

    /** The one manifest of this kind. */
    JsonNode one(String kind) {
        List<JsonNode> found = manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
        assertThat(found).as("manifests of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    /** The manifest of this kind and name. */
    JsonNode named(String kind, String name) {
        List<JsonNode> found = manifests.stream().filter(m -> kind.equals(m.path("kind").asText())
                && name.equals(m.at("/metadata/name").asText())).toList();
        assertThat(found).as("%s %s", kind, name).hasSize(1);
        return found.get(0);
    }

    /** The one manifest of this kind whose name ends with {@code suffix}. */
    JsonNode one(String kind, String suffix) {
        List<JsonNode> found = manifests.stream().filter(m -> kind.equals(m.path("kind").asText())
                && m.at("/metadata/name").asText().endsWith(suffix)).toList();
        assertThat(found).as("%s *%s", kind, suffix).hasSize(1);
        return found.get(0);
    }

    JsonNode deployment() {
        return one("Deployment");
    }

    JsonNode container() {
        JsonNode containers = deployment().at("/spec/template/spec/containers");
        assertThat(containers.size()).as("containers").isEqualTo(1);
        return containers.get(0);
    }

    /** The ConfigMap the container takes its environment from. */
    Map<String, String> configEnv() {
        Map<String, String> env = new TreeMap<>();
        String name = container().at("/envFrom/0/configMapRef/name").asText();
        named("ConfigMap", name).path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** The container's environment variables taken from a Secret, as name to "secret/key". */
    Map<String, String> secretEnv() {
        Map<String, String> refs = new TreeMap<>();
        for (JsonNode env : container().path("env")) {
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                refs.put(env.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        }
        return refs;
    }

    /** Container port number by port name. */
    Map<String, Integer> containerPorts() {
        Map<String, Integer> ports = new TreeMap<>();
        container().path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        return ports;
    }

    static Map<String, String> asMap(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
