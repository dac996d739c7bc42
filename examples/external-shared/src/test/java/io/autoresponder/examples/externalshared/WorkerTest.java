package io.autoresponder.examples.externalshared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The handler alone, without Quarkus or a broker: the integration test runs it for real. */
class WorkerTest {

    @Test
    void answersAJobWithItsSquareAndTheInstanceName() {
        Worker worker = new Worker(Optional.of("a"));

        assertThat(worker.work(new Job("job-7", 42))).isEqualTo(new Result("job-7", 42, 1764, "a"));
    }

    @Test
    void withoutAConfiguredNameTheInstanceIsNamedAfterTheHost() {
        assertThat(new Worker(Optional.empty()).instance()).isEqualTo(Worker.hostName()).isNotBlank();
        assertThat(new Worker(Optional.of(" ")).instance()).isEqualTo(Worker.hostName());
    }

    @Test
    void aSquareBeyondALongFailsTheJobInsteadOfAnsweringAWrongNumber() {
        Worker worker = new Worker(Optional.of("a"));

        assertThatThrownBy(() -> worker.work(new Job("big", Long.MAX_VALUE))).isInstanceOf(ArithmeticException.class);
    }
}
