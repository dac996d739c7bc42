package io.autoresponder.support.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** Without mosquitto_pub/mosquitto_sub the interop tests are skipped locally and fail on CI, saying what to install. */
class RequiresMosquittoClientsTest {

    @Test
    void installedClientsRunTheTests() {
        assertThat(RequiresMosquittoClients.evaluate(true, "true").isDisabled()).isFalse();
        assertThat(RequiresMosquittoClients.evaluate(true, null).isDisabled()).isFalse();
    }

    @Test
    void missingClientsSkipLocallyNamingThePackage() {
        ConditionEvaluationResult result = RequiresMosquittoClients.evaluate(false, null);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("package mosquitto-clients").contains("apt-get install -y mosquitto-clients"));
    }

    @Test
    void missingClientsFailOnCiSayingHowToInstallThem() {
        assertThatThrownBy(() -> RequiresMosquittoClients.evaluate(false, "true"))
                .hasMessageContaining("apt-get install -y mosquitto-clients");
    }
}
