package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import io.autoresponder.broker.BrokerConfig;
import io.autoresponder.console.ConsoleConfig;
import io.autoresponder.support.HealthPaths;

/**
 * The Helm chart, linted and rendered by Helm itself (helm-java embeds Helm 3; no cluster, no helm binary), checked
 * against what the application really serves and reads: health paths, ports from its configuration, and the
 * environment variable names Quarkus maps onto its configuration keys.
 */
class HelmChartTest {

    private static final Path CHART = RenderedChart.CHART;
    private static final Path EXTERNAL_VALUES = CHART.resolve("ci").resolve("external-values.yaml");
    private static final Path APPLICATION_PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    private static final String RELEASE = "ar";
    private static final String NAMESPACE = "responders";
    /** Quarkus' default HTTP port; the service's configuration does not change it. */
    private static final int QUARKUS_DEFAULT_HTTP_PORT = 8080;

    private static SmallRyeConfig application;

    /**
     * What the service reads when no operator sets anything: application.properties (ordinal 250), the jar's
     * META-INF/microprofile-config.properties and configuration source factories, and BrokerConfig's defaults.
     */
    @BeforeAll
    static void readTheServicesConfiguration() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            properties.load(reader);
        }
        Map<String, String> values = new java.util.HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        application = new SmallRyeConfigBuilder().addDefaultSources().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(values, "application.properties", 250))
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(BrokerConfig.class).withMapping(ConsoleConfig.class).build();
    }

    /** The value the service has for {@code key}, or null. */
    private static String setting(String key) {
        return application.getOptionalValue(key, String.class).orElse(null);
    }

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of("embedded (default values)", false),
                Arguments.of("external (ci/external-values.yaml)", true));
    }

    @Test
    void lintFindsNothing() {
        LintResult result = new Helm(CHART).lint().strict().call();

        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void everyManifestHasApiVersionKindAndName(String mode, boolean external) {
        RenderedChart chart = render(external);

        assertThat(chart.all()).isNotEmpty();
        for (JsonNode manifest : chart.all()) {
            assertThat(manifest.path("apiVersion").asText()).as("apiVersion of %s", manifest).isNotBlank();
            assertThat(manifest.path("kind").asText()).as("kind of %s", manifest).isNotBlank();
            assertThat(manifest.at("/metadata/name").asText()).as("metadata.name of %s", manifest).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void probesUseTheHealthEndpointsOnTheHttpPort(String mode, boolean external) {
        RenderedChart chart = render(external);
        JsonNode container = chart.container();

        assertThat(chart.containerPorts()).containsEntry("http", appHttpPort());
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo(HealthPaths.STARTED);
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo(HealthPaths.LIVE);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(HealthPaths.READY);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("http");
        }
    }

    @Test
    void embeddedModeServesHttpAndTheBrokerPortFromApplicationProperties() {
        RenderedChart chart = render(false);
        int brokerPort = Integer.parseInt(setting("autoresponder.broker.port"));

        assertThat(chart.containerPorts()).containsExactlyInAnyOrderEntriesOf(
                Map.of("http", appHttpPort(), "mqtt", brokerPort));
        assertThat(servicePorts(chart)).containsExactlyInAnyOrderEntriesOf(
                Map.of("http", appHttpPort(), "mqtt", brokerPort));
        assertThat(chart.configEnv()).containsEntry("AUTORESPONDER_BROKER_ENABLED", "true")
                .containsEntry("AUTORESPONDER_BROKER_PORT", Integer.toString(brokerPort))
                .containsEntry("MP_MESSAGING_INCOMING_TEST_TOPIC", setting("mp.messaging.incoming.test.topic"));
        assertThat(chart.deployment().at("/spec/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void embeddedTlsAndWebSocketListenersGetTheirPortsAndTheCertificateSecrets() {
        RenderedChart chart = render(false, t -> t.set("broker.embedded.tls.enabled", true)
                .set("broker.embedded.tls.secretName", "broker-cert").set("broker.embedded.tls.clientAuth", "required")
                .set("broker.embedded.tls.clientCaSecretName", "device-ca").set("broker.embedded.websocket.enabled", true));
        int brokerPort = Integer.parseInt(setting("autoresponder.broker.port"));

        Map<String, Integer> expected = Map.of("http", appHttpPort(), "mqtt", brokerPort, "mqtts", 8883, "mqtt-ws", 8083);
        assertThat(chart.containerPorts()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(servicePorts(chart)).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(chart.configEnv())
                .containsEntry("AUTORESPONDER_BROKER_TLS_ENABLED", "true")
                .containsEntry("AUTORESPONDER_BROKER_TLS_PORT", "8883")
                .containsEntry("AUTORESPONDER_BROKER_TLS_CLIENT_AUTH", "required")
                .containsEntry("AUTORESPONDER_BROKER_TLS_CONFIGURATION_NAME", "mqtt")
                .containsEntry("QUARKUS_CONFIG_LOCATIONS", "/etc/autoresponder/config/broker-tls.properties")
                .containsEntry("AUTORESPONDER_BROKER_WEBSOCKET_ENABLED", "true")
                .containsEntry("AUTORESPONDER_BROKER_WEBSOCKET_PORT", "8083");
        JsonNode tlsConfig = chart.named("ConfigMap", chart.deployment().at("/metadata/name").asText() + "-broker-tls");
        assertThat(tlsConfig.at("/data/broker-tls.properties").asText()).contains(
                "quarkus.tls.mqtt.key-store.pem.0.cert=/etc/autoresponder/tls/tls.crt",
                "quarkus.tls.mqtt.key-store.pem.0.key=/etc/autoresponder/tls/tls.key",
                "quarkus.tls.mqtt.trust-store.pem.certs=/etc/autoresponder/client-ca/ca.crt");
        Map<String, String> secretVolumes = new java.util.TreeMap<>();
        for (JsonNode volume : chart.deployment().at("/spec/template/spec/volumes")) {
            if (volume.has("secret")) {
                secretVolumes.put(volume.path("name").asText(), volume.at("/secret/secretName").asText());
            }
        }
        assertThat(secretVolumes).containsExactlyInAnyOrderEntriesOf(
                Map.of("broker-tls", "broker-cert", "broker-client-ca", "device-ca"));
        Map<String, String> mounts = new java.util.TreeMap<>();
        for (JsonNode mount : chart.container().path("volumeMounts")) {
            mounts.put(mount.path("name").asText(), mount.path("mountPath").asText());
        }
        assertThat(mounts).containsEntry("broker-tls", "/etc/autoresponder/tls")
                .containsEntry("broker-tls-config", "/etc/autoresponder/config")
                .containsEntry("broker-client-ca", "/etc/autoresponder/client-ca");
    }

    @Test
    void theConsoleIsOffByDefaultAndWhenOnLogsInItsUserWithThePasswordFromASecret() {
        assertThat(render(false).configEnv()).doesNotContainKey("AUTORESPONDER_CONSOLE_ENABLED");

        for (boolean external : new boolean[] { false, true }) {
            RenderedChart chart = render(external, t -> t.set("console.enabled", true)
                    .set("console.user", "ops").set("console.existingSecret", "console-login"));
            assertThat(chart.configEnv()).containsEntry("AUTORESPONDER_CONSOLE_ENABLED", "true")
                    .containsEntry("QUARKUS_SECURITY_USERS_EMBEDDED_PLAIN_TEXT", "true")
                    .containsEntry("QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_OPS", "autoresponder-console");
            assertThat(secretRefs(chart))
                    .containsEntry("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_OPS", "console-login/console-password");
        }
        // The role the chart grants is the one the service asks for.
        assertThat(application.getOptionalValue("autoresponder.console.role", String.class))
                .hasValue("autoresponder-console");
    }

    @Test
    void theConsoleNeedsASecretAndAUserNameThatFitsAnEnvironmentVariable() {
        assertThatThrownBy(() -> render(false, t -> t.set("console.enabled", true)))
                .hasMessageContaining("console.enabled needs console.existingSecret");
        assertThatThrownBy(() -> render(false, t -> t.set("console.enabled", true)
                .set("console.existingSecret", "s").set("console.user", "Ops-Team")))
                .hasMessageContaining("console.user must be lower case letters and digits");
    }

    @Test
    void tracingIsOffUnlessEnabledWithAnEndpointAndThenExportsUnderTheReleasesName() {
        assertThat(render(false).configEnv().keySet()).noneMatch(key -> key.startsWith("QUARKUS_OTEL"));
        assertThatThrownBy(() -> render(false, t -> t.set("tracing.enabled", true)))
                .hasMessageContaining("tracing.enabled needs tracing.endpoint");

        Map<String, String> env = render(false, t -> t.set("tracing.enabled", true)
                .set("tracing.endpoint", "http://collector:4317").set("tracing.samplerRatio", 0.25)).configEnv();

        assertThat(env).containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")
                .containsEntry("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0.25")
                .containsKey("QUARKUS_OTEL_SERVICE_NAME");
        for (String key : List.of("quarkus.otel.sdk.disabled", "quarkus.otel.traces.sampler.arg")) {
            assertThat(env).containsKey(key.toUpperCase().replaceAll("[.-]", "_"));
        }
        assertThat(application.getOptionalValue("quarkus.otel.traces.sampler", String.class))
                .as("the build-time sampler the ratio applies to").hasValue("parentbased_traceidratio");
    }

    @Test
    void embeddedModeRefusesMoreThanOneReplica() {
        assertThatThrownBy(() -> render(false, t -> t.set("replicaCount", 2)))
                .hasMessageContaining("broker.mode=embedded runs one replica")
                .hasMessageContaining("replicaCount=2");
    }

    @Test
    void externalModeSharesTheRequestTopicAndTurnsTheEmbeddedBrokerOff() {
        RenderedChart chart = render(true, t -> t.set("autoscaling.enabled", false));

        assertThat(chart.configEnv())
                .containsEntry("AUTORESPONDER_BROKER_ENABLED", "false")
                .containsEntry("AUTORESPONDER_RESPONDER_CONNECTOR", "autoresponder-mqtt")
                .containsEntry("MP_MESSAGING_INCOMING_TEST_TOPIC", "$share/responders/test")
                .containsEntry("MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_HOST", "mqtt.example.internal")
                .containsEntry("MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_PORT", "8883")
                .containsEntry("MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_SSL", "true")
                .doesNotContainKey("AUTORESPONDER_BROKER_PORT");
        assertThat(chart.configEnv().keySet()).noneMatch(key -> key.contains("SMALLRYE"));
        assertThat(chart.deployment().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(chart.containerPorts()).containsOnlyKeys("http");
        assertThat(servicePorts(chart)).containsExactlyEntriesOf(Map.of("http", appHttpPort()));
    }

    @Test
    void environmentNamesMapOntoRealConfigurationKeys() {
        Map<String, String> env = render(true).configEnv();
        env.putAll(render(false).configEnv());

        // Quarkus maps an environment variable to a key by upper-casing it and turning . and - into _.
        List<String> keys = List.of("autoresponder.broker.enabled", "autoresponder.broker.port",
                "mp.messaging.incoming.test.topic", "mp.messaging.outgoing.other.topic",
                "mp.messaging.outgoing.dead-letter.topic", "mp.messaging.connector.autoresponder-mqtt.host",
                "mp.messaging.connector.autoresponder-mqtt.port");
        for (String key : keys) {
            assertThat(setting(key)).as("%s in the service's configuration", key).isNotNull();
            assertThat(env).as("the chart sets %s", key).containsKey(key.toUpperCase().replaceAll("[.-]", "_"));
        }
    }

    @Test
    void externalModeTakesCredentialsFromTheChartsSecret() {
        RenderedChart chart = render(true);
        JsonNode secret = chart.one("Secret");

        assertThat(secret.path("data").has("username")).isTrue();
        assertThat(secret.path("data").has("password")).isTrue();
        assertThat(secretRefs(chart)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_USERNAME", secret.at("/metadata/name").asText() + "/username",
                "MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_PASSWORD", secret.at("/metadata/name").asText() + "/password"));
        assertThat(chart.configEnv().toString()).doesNotContain("not-a-real-password");
    }

    @Test
    void externalModeTakesCredentialsFromAnExistingSecret() {
        RenderedChart chart = render(true, t -> t.set("broker.external.existingSecret", "mqtt-credentials")
                .set("broker.external.passwordKey", "secret"));

        assertThat(chart.kinds()).doesNotContain("Secret");
        assertThat(secretRefs(chart)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_USERNAME", "mqtt-credentials/username",
                "MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_PASSWORD", "mqtt-credentials/secret"));
    }

    @Test
    void externalModeKeepsTheDuplicateJournalInAnEmptyDirAndNamesTheClientAfterThePod() {
        RenderedChart chart = render(true);
        JsonNode pod = chart.deployment().at("/spec/template/spec");
        String journal = chart.configEnv().get("MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_DUPLICATE_JOURNAL");

        assertThat(journal).isEqualTo("/var/lib/autoresponder/duplicates");
        assertThat(chart.container().path("volumeMounts")).anySatisfy(mount -> {
            assertThat(mount.path("mountPath").asText()).isEqualTo(journal);
            assertThat(mount.path("name").asText()).isEqualTo("duplicates");
        });
        assertThat(pod.path("volumes")).anySatisfy(volume -> {
            assertThat(volume.path("name").asText()).isEqualTo("duplicates");
            assertThat(volume.path("emptyDir").isObject()).as("survives container restarts in the pod").isTrue();
        });
        // The journal is only kept with a fixed client id: one per pod, the same after a container restart.
        assertThat(chart.container().path("env")).anySatisfy(env -> {
            assertThat(env.path("name").asText()).isEqualTo("MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_CLIENT_ID");
            assertThat(env.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
        });
        assertThat(chart.configEnv()).as("clean sessions unless asked")
                .doesNotContainKey("MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_CLEAN_START");
    }

    @Test
    void aSessionExpiryKeepsThePodsSessionAcrossContainerRestarts() {
        Map<String, String> env = render(true, t -> t.set("broker.external.sessionExpirySeconds", 300)).configEnv();

        assertThat(env).containsEntry("MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_CLEAN_START", "false")
                .containsEntry("MP_MESSAGING_CONNECTOR_AUTORESPONDER_MQTT_SESSION_EXPIRY_INTERVAL", "300");
    }

    @Test
    void brokerPersistenceMountsAClaimAtTheStoreDirectoryAndRecreatesThePod() {
        assertThat(render(false).all()).noneMatch(manifest -> manifest.path("kind").asText().equals("PersistentVolumeClaim"));
        RenderedChart chart = render(false, t -> t.set("broker.embedded.persistence.enabled", true)
                .set("broker.embedded.persistence.fsync", "always"));

        JsonNode claim = chart.one("PersistentVolumeClaim");
        assertThat(claim.at("/spec/resources/requests/storage").asText()).isEqualTo("2Gi");
        assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
        String directory = chart.configEnv().get("AUTORESPONDER_BROKER_PERSISTENCE_DIRECTORY");
        assertThat(directory).isNotBlank();
        assertThat(chart.configEnv()).containsEntry("AUTORESPONDER_BROKER_PERSISTENCE_FSYNC", "always")
                .containsEntry("AUTORESPONDER_BROKER_PERSISTENCE_MAX_SIZE", "536870912");
        JsonNode container = chart.deployment().at("/spec/template/spec/containers/0");
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains(directory);
        assertThat(chart.deployment().at("/spec/template/spec/volumes").findValuesAsText("claimName"))
                .containsExactly(claim.at("/metadata/name").asText());
        assertThat(chart.deployment().at("/spec/strategy/type").asText()).as("one store, one broker").isEqualTo("Recreate");

        RenderedChart existing = render(false, t -> t.set("broker.embedded.persistence.enabled", true)
                .set("broker.embedded.persistence.existingClaim", "mqtt-store"));
        assertThat(existing.all()).noneMatch(manifest -> manifest.path("kind").asText().equals("PersistentVolumeClaim"));
        assertThat(existing.deployment().at("/spec/template/spec/volumes").findValuesAsText("claimName"))
                .containsExactly("mqtt-store");
    }

    @Test
    void theStockConnectorStaysSelectable() {
        RenderedChart chart = render(true, t -> t.set("broker.external.connector", "smallrye-mqtt"));

        assertThat(chart.configEnv())
                .containsEntry("AUTORESPONDER_RESPONDER_CONNECTOR", "smallrye-mqtt")
                .containsEntry("MP_MESSAGING_CONNECTOR_SMALLRYE_MQTT_HOST", "mqtt.example.internal")
                .containsEntry("MP_MESSAGING_CONNECTOR_SMALLRYE_MQTT_PORT", "8883")
                .containsEntry("MP_MESSAGING_CONNECTOR_SMALLRYE_MQTT_SSL", "true")
                .containsEntry("MP_MESSAGING_CONNECTOR_SMALLRYE_MQTT_SSL_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS");
        assertThat(chart.configEnv().keySet()).noneMatch(key -> key.contains("AUTORESPONDER_MQTT"));
        assertThat(secretRefs(chart)).containsOnlyKeys("MP_MESSAGING_CONNECTOR_SMALLRYE_MQTT_USERNAME",
                "MP_MESSAGING_CONNECTOR_SMALLRYE_MQTT_PASSWORD");
        assertThat(chart.deployment().at("/spec/template/spec/volumes").findValuesAsText("name"))
                .as("/tmp and the ci values' extra volume, no duplicate journal").containsExactly("tmp", "broker-ca");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void serviceAndDeploymentSelectThePodTemplatesLabels(String mode, boolean external) {
        RenderedChart chart = render(external);
        Map<String, String> podLabels = RenderedChart.asMap(chart.deployment().at("/spec/template/metadata/labels"));
        Map<String, String> deploymentSelector = RenderedChart.asMap(chart.deployment().at("/spec/selector/matchLabels"));

        assertThat(deploymentSelector).containsKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");
        assertThat(podLabels).containsAllEntriesOf(deploymentSelector);
        assertThat(chart.all("Service")).isNotEmpty().allSatisfy(service -> assertThat(
                RenderedChart.asMap(service.at("/spec/selector"))).isEqualTo(deploymentSelector));
        for (JsonNode manifest : chart.all()) {
            if (isTestHook(manifest)) {
                continue;
            }
            assertThat(RenderedChart.asMap(manifest.at("/metadata/labels")))
                    .as("labels of %s", manifest.path("kind").asText())
                    .containsAllEntriesOf(deploymentSelector)
                    .containsKeys("helm.sh/chart", "app.kubernetes.io/version", "app.kubernetes.io/managed-by");
        }
    }

    @Test
    void optionalResourcesAreOffByDefaultAndSelectTheSamePods() {
        assertThat(render(false).kinds()).as("the broker user's Secret is not optional: secure by default")
                .containsExactly("ConfigMap", "Deployment", "Secret", "Service", "Service", "ServiceAccount");

        RenderedChart external = render(true);
        assertThat(external.kinds()).containsExactly("ConfigMap", "ConfigMap", "Deployment", "HorizontalPodAutoscaler",
                "NetworkPolicy", "PodDisruptionBudget", "PrometheusRule", "Secret", "Service", "ServiceAccount",
                "ServiceMonitor");
        Map<String, String> selector = RenderedChart.asMap(external.deployment().at("/spec/selector/matchLabels"));
        assertThat(external.deployment().has("spec") && !external.deployment().at("/spec").has("replicas"))
                .as("the autoscaler owns the replica count").isTrue();
        assertThat(external.one("HorizontalPodAutoscaler").at("/spec/scaleTargetRef/name").asText())
                .isEqualTo(external.deployment().at("/metadata/name").asText());
        assertThat(RenderedChart.asMap(external.one("PodDisruptionBudget").at("/spec/selector/matchLabels")))
                .isEqualTo(selector);
        assertThat(RenderedChart.asMap(external.one("NetworkPolicy").at("/spec/podSelector/matchLabels")))
                .isEqualTo(selector);
        JsonNode monitor = external.one("ServiceMonitor");
        assertThat(RenderedChart.asMap(monitor.at("/spec/selector/matchLabels"))).containsAllEntriesOf(selector)
                .containsEntry("app.kubernetes.io/component", "http");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo(HealthPaths.METRICS);
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
    }

    @Test
    void theDashboardShipsInAConfigMapWithTheSidecarsLabelAndTheFolderAnnotation() throws IOException {
        RenderedChart chart = render(false, t -> t.set("grafana.dashboard.enabled", true)
                .set("grafana.dashboard.folder", "MQTT"));
        JsonNode configMap = chart.one("ConfigMap", "-dashboard");
        JsonNode dashboard = ShippedQueries.dashboard(chart);

        assertThat(RenderedChart.asMap(configMap.at("/metadata/labels"))).containsEntry("grafana_dashboard", "1");
        assertThat(RenderedChart.asMap(configMap.at("/metadata/annotations"))).containsEntry("grafana_folder", "MQTT");
        assertThat(dashboard).as("the file, unchanged")
                .isEqualTo(new ObjectMapper().readTree(CHART.resolve("dashboards/autoresponder.json").toFile()));
        assertThat(dashboard.path("uid").asText()).isEqualTo("autoresponder");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
        assertThat(dashboard.at("/templating/list/0/name").asText()).isEqualTo("datasource");
        assertThat(dashboard.at("/templating/list/0/type").asText()).isEqualTo("datasource");
        assertThat(dashboard.at("/templating/list/0/query").asText()).isEqualTo("prometheus");
        List<String> datasources = new java.util.ArrayList<>();
        dashboard.findParents("datasource")
                .forEach(parent -> datasources.add(parent.path("datasource").path("uid").asText()));
        assertThat(datasources).as("no data source uid but the variable's").isNotEmpty()
                .allMatch(uid -> uid.equals("${datasource}") || uid.equals("-- Grafana --"));
        assertThat(ShippedQueries.dashboardQueries(dashboard)).isNotEmpty()
                .allSatisfy(query -> assertThat(query.expr()).as(query.where()).isNotBlank());

        RenderedChart elsewhere = render(false, t -> t.set("grafana.dashboard.enabled", true)
                .set("grafana.dashboard.label", "dashboards").set("grafana.dashboard.labelValue", "mqtt")
                .set("grafana.dashboard.namespace", "monitoring"));
        JsonNode moved = elsewhere.one("ConfigMap", "-dashboard");
        assertThat(RenderedChart.asMap(moved.at("/metadata/labels"))).containsEntry("dashboards", "mqtt")
                .doesNotContainKey("grafana_dashboard");
        assertThat(moved.at("/metadata/namespace").asText()).isEqualTo("monitoring");
        assertThat(moved.at("/metadata/annotations").isMissingNode()).as("no folder given").isTrue();
    }

    @Test
    void thePrometheusRuleAlertsOnThisReleasesPodsWithSeverityAndText() {
        RenderedChart chart = render(false, t -> t.set("prometheusRule.enabled", true)
                .set("prometheusRule.labels.release", "prometheus").set("prometheusRule.alertLabels.team", "mqtt")
                .set("prometheusRule.alerts.deadLetters.ratio", 0.2)
                .set("prometheusRule.alerts.protocolErrors.enabled", false));
        JsonNode rule = chart.one("PrometheusRule");
        Map<String, JsonNode> alerts = alerts(rule);

        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(RenderedChart.asMap(rule.at("/metadata/labels"))).containsEntry("release", "prometheus");
        assertThat(alerts.keySet()).containsExactlyInAnyOrder("AutoresponderDown", "AutoresponderNotReady",
                "AutoresponderDeadLetters", "AutoresponderRepliesFailing", "AutoresponderChannelStalled",
                "AutoresponderQueuedBytesNearBudget", "AutoresponderReconnectStorm", "AutoresponderConnectionsRefused",
                "AutoresponderStoreWriteFailures");
        String job = httpService(chart).at("/metadata/name").asText();
        alerts.forEach((name, alert) -> {
            assertThat(alert.path("expr").asText()).as(name)
                    .contains("namespace=\"" + NAMESPACE + "\", job=\"" + job + "\"");
            assertThat(alert.path("for").asText()).as(name).matches("\\d+[smh]");
            assertThat(alert.at("/labels/severity").asText()).as(name).isIn("warning", "critical");
            assertThat(alert.at("/labels/team").asText()).as(name).isEqualTo("mqtt");
            assertThat(alert.at("/annotations/summary").asText()).as(name).contains("{{ $labels.pod }}");
            assertThat(alert.at("/annotations/description").asText()).as(name).isNotBlank();
        });
        assertThat(alerts.get("AutoresponderDeadLetters").path("expr").asText()).endsWith("> 0.2");
        assertThat(alerts.get("AutoresponderQueuedBytesNearBudget").path("expr").asText())
                .contains("autoresponder_broker_queued_bytes_max").endsWith("> 0.8");

        RenderedChart external = render(true, t -> t.set("prometheusRule.selector", "service=\"responders\""));
        Map<String, JsonNode> externalAlerts = alerts(external.one("PrometheusRule"));
        assertThat(externalAlerts.keySet()).as("no broker alerts without the embedded broker")
                .containsExactlyInAnyOrder("AutoresponderDown", "AutoresponderNotReady", "AutoresponderDeadLetters", "AutoresponderRepliesFailing",
                "AutoresponderChannelStalled");
        assertThat(externalAlerts.get("AutoresponderNotReady").path("expr").asText())
                .isEqualTo("autoresponder_ready{service=\"responders\"} == 0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void podRunsLockedDownWithAWritableTmp(String mode, boolean external) {
        RenderedChart chart = render(external);
        JsonNode pod = chart.deployment().at("/spec/template/spec");
        JsonNode container = chart.container();

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
        assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
        assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("128Mi");
        assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("100m");
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("256Mi");
    }

    @Test
    void kubernetesWaitsLongerThanTheServicesOwnShutdownTimeout() {
        RenderedChart chart = render(false);
        Duration shutdown = Duration.parse("PT" + chart.configEnv().get("QUARKUS_SHUTDOWN_TIMEOUT"));
        long grace = chart.deployment().at("/spec/template/spec/terminationGracePeriodSeconds").asLong();

        assertThat(shutdown).isPositive();
        assertThat(grace).isGreaterThan(shutdown.toSeconds());
        assertThatThrownBy(() -> render(false, t -> t.set("terminationGracePeriodSeconds", 20)))
                .hasMessageContaining("shutdownTimeoutSeconds must be below terminationGracePeriodSeconds");
    }

    @Test
    void aConfigChangeChangesThePodTemplateSoThePodsRoll() {
        String before = configChecksum(render(false));
        String after = configChecksum(render(false, t -> t.set("responder.replyTopic", "answers")));

        assertThat(before).isNotBlank();
        assertThat(after).isNotEqualTo(before);
        assertThat(configChecksum(render(false))).as("stable for the same values").isEqualTo(before);
    }

    @Test
    void combinationsThatCannotWorkFailWithAReason() {
        assertThatThrownBy(() -> render(false, t -> t.set("broker.mode", "cluster")))
                .hasMessageContaining("at '/broker/mode': value must be one of 'embedded', 'external'");
        assertThatThrownBy(() -> render(false, t -> t.set("broker.mode", "external")))
                .hasMessageContaining("needs broker.external.host");
        assertThatThrownBy(() -> render(true, t -> t.set("broker.external.sharedSubscriptionGroup", "")))
                .hasMessageContaining("needs broker.external.sharedSubscriptionGroup");
        assertThatThrownBy(() -> render(false, t -> t.set("autoscaling.enabled", true)))
                .hasMessageContaining("autoscaling.enabled needs broker.mode=external");
        assertThatThrownBy(() -> render(false, t -> t.set("podDisruptionBudget.enabled", true)))
                .hasMessageContaining("podDisruptionBudget.enabled needs broker.mode=external");
        assertThatThrownBy(() -> render(true, t -> t.set("broker.external.connector", "paho")))
                .hasMessageContaining("at '/broker/external/connector': value must be one of");
        assertThatThrownBy(() -> render(true, t -> t.set("broker.external.tls.hostnameVerification", "NONE")))
                .hasMessageContaining("hostnameVerification=NONE needs broker.external.connector=smallrye-mqtt");
        assertThatThrownBy(() -> render(false, t -> t.set("broker.embedded.tls.enabled", true)))
                .hasMessageContaining("needs broker.embedded.tls.secretName");
        assertThatThrownBy(() -> render(false, t -> t.set("broker.embedded.tls.enabled", true)
                .set("broker.embedded.tls.secretName", "c").set("broker.embedded.tls.clientAuth", "maybe")))
                .hasMessageContaining("at '/broker/embedded/tls/clientAuth': value must be one of 'none', 'request', 'required'");
        assertThatThrownBy(() -> render(false, t -> t.set("broker.embedded.tls.enabled", true)
                .set("broker.embedded.tls.secretName", "c").set("broker.embedded.tls.clientAuth", "required")))
                .hasMessageContaining("needs broker.embedded.tls.clientCaSecretName");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static RenderedChart render(boolean external) {
        return render(external, UnaryOperator.identity());
    }

    private static RenderedChart render(boolean external, UnaryOperator<TemplateCommand> customize) {
        TemplateCommand template = RenderedChart.template().withName(RELEASE).withNamespace(NAMESPACE);
        if (external) {
            template = template.withValuesFile(EXTERNAL_VALUES);
        }
        return RenderedChart.parse(customize.apply(template).call());
    }

    private static int appHttpPort() {
        return Integer.parseInt(application.getOptionalValue("quarkus.http.port", String.class)
                .orElse(Integer.toString(QUARKUS_DEFAULT_HTTP_PORT)));
    }

    /** Port by name of every Service; each must target the container port of the same name. */
    private static Map<String, Integer> servicePorts(RenderedChart chart) {
        Map<String, Integer> containerPorts = chart.containerPorts();
        Map<String, Integer> ports = new java.util.TreeMap<>();
        for (JsonNode service : chart.all("Service")) {
            for (JsonNode port : service.at("/spec/ports")) {
                String name = port.path("name").asText();
                assertThat(port.path("targetPort").asText()).as("targetPort of %s", name).isEqualTo(name);
                assertThat(containerPorts).as("container port %s", name).containsKey(name);
                assertThat(ports).as("port %s on one Service only", name).doesNotContainKey(name);
                ports.put(name, port.path("port").asInt());
            }
        }
        return ports;
    }

    /** Port names of one Service. */
    private static List<String> portNames(JsonNode service) {
        return service.at("/spec/ports").findValuesAsText("name");
    }

    /** The Service of health and metrics. */
    private static JsonNode httpService(RenderedChart chart) {
        return chart.one("Service", "-http");
    }

    private static boolean isTestHook(JsonNode manifest) {
        return "test".equals(manifest.at("/metadata/annotations/helm.sh~1hook").asText());
    }

    /** Environment variable name to "secret/key" for every variable taken from a Secret. */
    private static Map<String, String> secretRefs(RenderedChart chart) {
        Map<String, String> refs = new java.util.TreeMap<>();
        for (JsonNode env : chart.container().path("env")) {
            JsonNode ref = env.at("/valueFrom/secretKeyRef");
            if (!ref.isMissingNode()) {
                refs.put(env.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        }
        return refs;
    }

    /** Alert name to rule, of every group. */
    private static Map<String, JsonNode> alerts(JsonNode prometheusRule) {
        Map<String, JsonNode> alerts = new java.util.TreeMap<>();
        for (JsonNode group : prometheusRule.at("/spec/groups")) {
            group.path("rules").forEach(rule -> alerts.put(rule.path("alert").asText(), rule));
        }
        return alerts;
    }

    private static String configChecksum(RenderedChart chart) {
        return chart.deployment().at("/spec/template/metadata/annotations/checksum~1config").asText();
    }
}
