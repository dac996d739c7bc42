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
    void pacedRunSendsAtTheOfferedRate() throws InterruptedException {
        BenchmarkOptions options = BenchmarkOptions.parse("--port", Integer.toString(port), "--qos", "1",
                "--window", "1000", "--connections", "2", "--rate", "400", "--warmup", "0.2", "--duration", "1",
                "--drain", "5"); // a window no slow reply fills: only the schedule decides when requests go

        RoundTripBenchmark.Result result = new RoundTripBenchmark(options).run();

        // 400 a second: never more than the schedule (1.2 s: 480, and the one due at the stop); a late sender
        // catches up, so fewer only if this shared machine holds it back right at the end.
        assertThat(result.requests()).isBetween(360L, 401L);
        assertThat(result.totalRequests()).isBetween(400L, 482L);
        assertThat(result.lost()).isZero();
        assertThat(result.toJson()).endsWith("\"offered_per_s\":400}");
    }

    @Test
    void badOptionsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--qos", "3")).hasMessageContaining("--qos must be 0, 1 or 2")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--colour", "red")).hasMessageContaining("unknown options");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rate", "-5")).hasMessageContaining("--rate must be");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--ticks", "yes")).hasMessageContaining("--ticks must be true or false");
    }
}
