package io.autoresponder.support.brokers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where the Mosquitto broker is installed. Locally a missing broker skips the class with
 * a message naming the package; on CI ({@code CI=true}) it fails, because CI must install it ({@code .ci/run}).
 * Evaluated before the Quarkus application starts, so nothing is started for a skipped class.
 */
public class RequiresMosquitto implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return evaluate(Mosquitto.installed(), System.getenv("CI"));
    }

    /** The decision for a machine where the broker is or is not {@code installed}, with {@code ci} as $CI. */
    static ConditionEvaluationResult evaluate(boolean installed, String ci) {
        if (installed) {
            return ConditionEvaluationResult.enabled("Mosquitto is installed at " + Mosquitto.BINARY);
        }
        String missing = "Mosquitto is not installed at " + Mosquitto.BINARY + " (Debian package mosquitto)";
        if ("true".equalsIgnoreCase(ci)) {
            throw new IllegalStateException(missing + ": CI must install it: " + Mosquitto.INSTALL_HINT);
        }
        return ConditionEvaluationResult.disabled(missing + "; skipped. To run: " + Mosquitto.INSTALL_HINT);
    }
}
