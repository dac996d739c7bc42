package io.autoresponder.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.brokers.FreeBrokerPort;

/** Keeps the benchmark command working: a short run against the service loses nothing. */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
class RoundTripBenchmarkSmokeTest {

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    @Test
    void shortRunAnswersEveryRequestOnce() throws InterruptedException {
        BenchmarkOptions options = BenchmarkOptions.parse("--port", Integer.toString(port), "--qos", "1",
                "--window", "16", "--connections", "2", "--warmup", "0.2", "--duration", "1", "--drain", "5");

        RoundTripBenchmark.Result result = new RoundTripBenchmark(options).run();

        assertThat(result.requests()).isGreaterThanOrEqualTo(200);
        assertThat(result.lost()).isZero();
        assertThat(result.duplicates()).isZero();
        assertThat(result.p50Micros()).isPositive().isLessThanOrEqualTo(result.p99Micros());
        assertThat(result.toJson()).startsWith("{\"target\":\"127.0.0.1:" + port + "\"").contains("\"lost\":0");
    }

    @Test
    void badOptionsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--qos", "3")).hasMessageContaining("--qos must be 0, 1 or 2")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--colour", "red")).hasMessageContaining("unknown options");
    }
}
