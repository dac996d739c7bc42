package io.autoresponder.support.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where Chromium, Node and npm are installed. Locally their absence skips the class with
 * the command that installs them; on CI ({@code CI=true}) it fails, because CI must install them
 * ({@code .ci/run}). Evaluated before the Quarkus application starts.
 */
public class RequiresChromium implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Chromium.installed()) {
            return ConditionEvaluationResult.enabled("chromium, node and npm are installed");
        }
        String missing = Chromium.EXECUTABLE + ", node or npm is not installed";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(missing + ": CI must install them: " + Chromium.INSTALL_HINT);
        }
        return ConditionEvaluationResult.disabled(missing + "; skipped. To run: " + Chromium.INSTALL_HINT);
    }
}
