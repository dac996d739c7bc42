package io.autoresponder.support.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** Without Mosquitto, its tests are skipped on a developer's machine and fail on CI, both saying what to install. */
class RequiresMosquittoTest {

    @Test
    void installedBrokerRunsTheTests() {
        assertThat(RequiresMosquitto.evaluate(true, "true").isDisabled()).isFalse();
        assertThat(RequiresMosquitto.evaluate(true, null).isDisabled()).isFalse();
    }

    @Test
    void missingBrokerSkipsLocallyNamingThePackage() {
        ConditionEvaluationResult result = RequiresMosquitto.evaluate(false, null);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(
                reason -> assertThat(reason).contains("package mosquitto").contains("apt-get install -y mosquitto"));
    }

    @Test
    void missingBrokerFailsOnCiSayingHowToInstallIt() {
        assertThatThrownBy(() -> RequiresMosquitto.evaluate(false, "true"))
                .hasMessageContaining("apt-get install -y mosquitto");
    }
}
