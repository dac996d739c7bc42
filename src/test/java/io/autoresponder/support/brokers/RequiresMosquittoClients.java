package io.autoresponder.support.brokers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where {@code mosquitto_pub} and {@code mosquitto_sub} are installed. Locally their absence
 * skips the class with a message naming the package; on CI ({@code CI=true}) it fails, because CI must install them
 * ({@code .ci/run}). Evaluated before the Quarkus application starts.
 */
public class RequiresMosquittoClients implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return evaluate(MosquittoClients.installed(), System.getenv("CI"));
    }

    /** The decision for a machine where the clients are or are not {@code installed}, with {@code ci} as $CI. */
    static ConditionEvaluationResult evaluate(boolean installed, String ci) {
        if (installed) {
            return ConditionEvaluationResult.enabled("mosquitto_pub and mosquitto_sub are installed");
        }
        String missing = MosquittoClients.PUB + " or " + MosquittoClients.SUB
                + " is not installed (Debian package mosquitto-clients)";
        if ("true".equalsIgnoreCase(ci)) {
            throw new IllegalStateException(missing + ": CI must install it: " + MosquittoClients.INSTALL_HINT);
        }
        return ConditionEvaluationResult.disabled(missing + "; skipped. To run: " + MosquittoClients.INSTALL_HINT);
    }
}
