package io.autoresponder.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SendScheduleTest {

    @Test
    void dueAt_spacesRequestsEvenlyFromTheStart() {
        SendSchedule schedule = new SendSchedule(1_000, 4_000);

        assertThat(schedule.dueAt(0)).isEqualTo(1_000);
        assertThat(schedule.dueAt(1)).isEqualTo(1_000 + 250_000);
        assertThat(schedule.dueAt(4_000)).isEqualTo(1_000 + 1_000_000_000);
    }

    @Test
    void dueAt_doesNotDriftOverLongRuns() {
        SendSchedule schedule = new SendSchedule(0, 3_000); // 333,333.3 ns apart: rounding must not accumulate

        assertThat(schedule.dueAt(3_000L * 3_600)).isEqualTo(3_600L * 1_000_000_000);
    }

    @Test
    void dueAt_startsAtANegativeNanoTimeToo() {
        SendSchedule schedule = new SendSchedule(-500, 1_000);

        assertThat(schedule.dueAt(2)).isEqualTo(-500 + 2_000_000);
    }

    @Test
    void new_zeroOrNegativeRate_throws() {
        assertThatThrownBy(() -> new SendSchedule(0, 0)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new SendSchedule(0, -1)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new SendSchedule(0, Double.NaN)).hasMessageContaining("must be positive");
    }
}
