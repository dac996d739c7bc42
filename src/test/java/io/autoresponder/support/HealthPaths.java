package io.autoresponder.support;

/**
 * The Quarkus health endpoints the service serves. The Helm chart's probes must use exactly these:
 * {@code HealthAndMetricsTest} checks the service answers them, {@code HelmChartTest} that the probes point at them.
 */
public final class HealthPaths {

    public static final String LIVE = "/q/health/live";
    public static final String READY = "/q/health/ready";
    public static final String STARTED = "/q/health/started";
    public static final String METRICS = "/q/metrics";

    private HealthPaths() {
    }
}
