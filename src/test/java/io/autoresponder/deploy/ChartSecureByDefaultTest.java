package io.autoresponder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The chart's embedded broker refuses anonymous clients unless allowed, and has a user of its own whose password
 * is generated into a Secret (or taken from one the operator names), so a fresh install is never an open broker.
 */
class ChartSecureByDefaultTest {

    private static final String PLAIN_PASSWORD_ENV = "AUTORESPONDER_BROKER_AUTH_PLAIN_PASSWORDS_AUTORESPONDER";

    @Test
    void byDefaultAnonymousClientsAreRefusedAndTheChartsUserHasAGeneratedPassword() {
        RenderedChart chart = RenderedChart.render(t -> t);
        JsonNode secret = chart.named("Secret", "ar-autoresponder-broker-auth");
        String password = decode(secret.at("/data/password").asText());

        assertThat(chart.configEnv()).containsEntry("AUTORESPONDER_BROKER_AUTH_ANONYMOUS", "false");
        assertThat(decode(secret.at("/data/username").asText())).isEqualTo("autoresponder");
        assertThat(password).hasSize(32).matches("[A-Za-z0-9]+");
        assertThat(chart.secretEnv()).containsExactlyEntriesOf(Map.of(PLAIN_PASSWORD_ENV, "ar-autoresponder-broker-auth/password"));
        assertThat(chart.configEnv().toString()).doesNotContain(password);
        assertThat(RenderedChart.render(t -> t).named("Secret", "ar-autoresponder-broker-auth").at("/data/password")
                .asText()).as("random on install (an upgrade reuses the one in the cluster)").isNotEqualTo(
                        secret.at("/data/password").asText());
    }

    @Test
    void anExistingSecretReplacesTheGeneratedOne() {
        RenderedChart chart = RenderedChart.render(t -> t.set("broker.embedded.auth.existingSecret", "mqtt-login")
                .set("broker.embedded.auth.passwordKey", "secret").set("broker.embedded.auth.username", "responder"));

        assertThat(chart.kinds()).doesNotContain("Secret");
        assertThat(chart.secretEnv()).containsExactlyEntriesOf(
                Map.of("AUTORESPONDER_BROKER_AUTH_PLAIN_PASSWORDS_RESPONDER", "mqtt-login/secret"));
    }

    @Test
    void anonymousAccessIsOnlyOnWhenAllowedAndThenTheNotesWarn() {
        RenderedChart open = RenderedChart.render(t -> t.set("broker.embedded.auth.allowAnonymous", true));

        assertThat(open.configEnv()).containsEntry("AUTORESPONDER_BROKER_AUTH_ANONYMOUS", "true");
        assertThat(ChartNotes.of(t -> t.set("broker.embedded.auth.allowAnonymous", true)))
                .contains("WARNING: ANONYMOUS ACCESS IS ON").contains("#####");
        assertThat(ChartNotes.of(t -> t)).doesNotContain("WARNING")
                .contains("kubectl -n responders get secret ar-autoresponder-broker-auth -o jsonpath='{.data.password}' | base64 -d");
    }

    @Test
    void withoutTheChartsUserSomebodyElseMustBeAbleToConnect() {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("broker.embedded.auth.username", "")))
                .hasMessageContaining("broker.embedded.auth lets nobody connect");

        RenderedChart fileOnly = RenderedChart.render(t -> t.set("broker.embedded.auth.username", "")
                .set("broker.embedded.auth.passwordFile.existingSecret", "mqtt-users"));
        assertThat(fileOnly.kinds()).doesNotContain("Secret");
        assertThat(fileOnly.secretEnv()).isEmpty();
    }

    @Test
    void aPasswordFileFromASecretIsMountedAndReadByTheBroker() {
        RenderedChart chart = RenderedChart.render(t -> t.set("broker.embedded.auth.passwordFile.existingSecret", "mqtt-users"));

        assertThat(chart.configEnv()).containsEntry("AUTORESPONDER_BROKER_AUTH_PASSWORD_FILE", "/etc/autoresponder/passwd/passwd");
        assertThat(volume(chart, "broker-passwd").at("/secret/secretName").asText()).isEqualTo("mqtt-users");
        assertThat(mountPath(chart, "broker-passwd")).isEqualTo("/etc/autoresponder/passwd");
    }

    @Test
    void aclRulesBecomeAFileTheBrokerReadsAndTheirChangeRollsThePods() {
        RenderedChart chart = RenderedChart.render(t -> t.set("broker.embedded.acl.rules[0]", "user autoresponder")
                .set("broker.embedded.acl.rules[1]", "topic readwrite #"));
        JsonNode acl = chart.named("ConfigMap", "ar-autoresponder-broker-acl");

        assertThat(acl.at("/data/acl").asText()).isEqualTo("user autoresponder\ntopic readwrite #\n");
        assertThat(chart.configEnv()).containsEntry("AUTORESPONDER_BROKER_ACL_FILE", "/etc/autoresponder/acl/acl");
        assertThat(volume(chart, "broker-acl").at("/configMap/name").asText()).isEqualTo("ar-autoresponder-broker-acl");
        assertThat(mountPath(chart, "broker-acl")).isEqualTo("/etc/autoresponder/acl");
        String checksum = chart.deployment().at("/spec/template/metadata/annotations/checksum~1config").asText();
        assertThat(RenderedChart.render(t -> t.set("broker.embedded.acl.rules[0]", "topic readwrite #"))
                .deployment().at("/spec/template/metadata/annotations/checksum~1config").asText()).isNotEqualTo(checksum);

        RenderedChart existing = RenderedChart.render(t -> t.set("broker.embedded.acl.existingConfigMap", "mqtt-acl")
                .set("broker.embedded.acl.key", "acl_file"));
        assertThat(existing.all("ConfigMap")).noneMatch(m -> m.at("/metadata/name").asText().endsWith("-broker-acl"));
        assertThat(existing.configEnv()).containsEntry("AUTORESPONDER_BROKER_ACL_FILE", "/etc/autoresponder/acl/acl_file");
        assertThat(volume(existing, "broker-acl").at("/configMap/name").asText()).isEqualTo("mqtt-acl");

        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("broker.embedded.acl.existingConfigMap", "mqtt-acl")
                .set("broker.embedded.acl.rules[0]", "topic read #"))).hasMessageContaining("not both");
    }

    @Test
    void externalModeHasNoneOfTheEmbeddedBrokersAuthentication() {
        RenderedChart chart = RenderedChart.render(t -> t.withValuesFile(RenderedChart.CHART.resolve("ci/external-values.yaml"))
                .set("broker.embedded.auth.passwordFile.existingSecret", "mqtt-users")
                .set("broker.embedded.acl.rules[0]", "topic read #"));

        assertThat(chart.configEnv().keySet()).noneMatch(key -> key.startsWith("AUTORESPONDER_BROKER_AUTH")
                || key.startsWith("AUTORESPONDER_BROKER_ACL"));
        assertThat(chart.all("Secret")).extracting(s -> s.at("/metadata/name").asText()).containsExactly("ar-autoresponder");
        assertThat(chart.all("ConfigMap")).noneMatch(m -> m.at("/metadata/name").asText().endsWith("-broker-acl"));
        assertThat(chart.secretEnv().keySet()).noneMatch(key -> key.startsWith("AUTORESPONDER_BROKER"));
        assertThat(chart.deployment().at("/spec/template/spec/volumes").findValuesAsText("name"))
                .doesNotContain("broker-passwd", "broker-acl");
    }

    @Test
    void theUserNameMustFitAnEnvironmentVariable() {
        assertThatThrownBy(() -> RenderedChart.render(t -> t.set("broker.embedded.auth.username", "Responder-1")))
                .hasMessageContaining("/broker/embedded/auth/username");
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static JsonNode volume(RenderedChart chart, String name) {
        for (JsonNode volume : chart.deployment().at("/spec/template/spec/volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static String mountPath(RenderedChart chart, String name) {
        for (JsonNode mount : chart.container().path("volumeMounts")) {
            if (mount.path("name").asText().equals(name)) {
                return mount.path("mountPath").asText();
            }
        }
        throw new AssertionError("no volume mount " + name);
    }
}
