package io.autoresponder.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.autoresponder.connector.mqtt.ProgressWatch.Verdict;

/** {@link ProgressWatch} on a clock the test drives (nanoseconds). */
class ProgressWatchTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private final ProgressWatch watch = new ProgressWatch(Duration.ofSeconds(10));

    @Test
    void nothingPendingIsNeverAStall() {
        assertThat(watch.check(1_000 * SECOND)).isEqualTo(Verdict.PROGRESSING);
        assertThat(watch.isStalled()).isFalse();
    }

    @Test
    void pendingRequestsWithProgressWithinTheTimeoutAreNoStall() {
        watch.taken(0);
        watch.taken(0);
        watch.settled(9 * SECOND);

        assertThat(watch.check(18 * SECOND)).isEqualTo(Verdict.PROGRESSING);
    }

    @Test
    void pendingRequestsWithoutProgressForTheTimeoutAreAStallWithItsReason() {
        watch.taken(0);
        watch.taken(SECOND);

        assertThat(watch.check(9 * SECOND)).isEqualTo(Verdict.PROGRESSING);
        assertThat(watch.check(10 * SECOND)).isEqualTo(Verdict.STALLED);
        assertThat(watch.isStalled()).isTrue();
        assertThat(watch.stallReason()).contains("2 requests pending", "none completed for 10 s");
    }

    @Test
    void aStallEndsWithTheNextCompletedRequest() {
        watch.taken(0);
        watch.taken(0);
        watch.check(10 * SECOND);

        watch.settled(12 * SECOND);

        assertThat(watch.check(12 * SECOND)).isEqualTo(Verdict.RECOVERED);
        assertThat(watch.isStalled()).isFalse();
        assertThat(watch.stallReason()).isNull();
    }

    @Test
    void recoveryIsRetriedAtDoublingIntervalsWhileTheStallLasts() {
        watch.taken(0);
        assertThat(watch.check(10 * SECOND)).isEqualTo(Verdict.STALLED);

        assertThat(watch.check(19 * SECOND)).isEqualTo(Verdict.STILL_STALLED);
        assertThat(watch.check(20 * SECOND)).isEqualTo(Verdict.RETRY);
        assertThat(watch.check(59 * SECOND)).isEqualTo(Verdict.STILL_STALLED);
        assertThat(watch.check(60 * SECOND)).isEqualTo(Verdict.RETRY);
        assertThat(watch.stallReason()).contains("reconnect attempt 3");
    }

    @Test
    void retriesAreAtMostThirtyTwoTimeoutsApart() {
        watch.taken(0);
        long now = 10 * SECOND;
        watch.check(now);
        long previousRetry = now;
        long longestGap = 0;
        for (now = 10 * SECOND; now < 10_000 * SECOND; now += SECOND) {
            if (watch.check(now) == Verdict.RETRY) {
                longestGap = Math.max(longestGap, now - previousRetry);
                previousRetry = now;
            }
        }
        assertThat(longestGap).isEqualTo(320 * SECOND);
    }

    @Test
    void excusedTimeDoesNotCountTowardsAStall() {
        watch.taken(0);
        watch.excuse(8 * SECOND);

        assertThat(watch.check(17 * SECOND)).isEqualTo(Verdict.PROGRESSING);
        assertThat(watch.check(18 * SECOND)).isEqualTo(Verdict.STALLED);
    }

    @Test
    void aStallIsNotExcused() {
        watch.taken(0);
        watch.check(10 * SECOND);

        watch.excuse(11 * SECOND);

        assertThat(watch.check(12 * SECOND)).isEqualTo(Verdict.STILL_STALLED);
    }

    @Test
    void aZeroTimeoutNeverStalls() {
        ProgressWatch off = new ProgressWatch(Duration.ZERO);
        off.taken(0);

        assertThat(off.check(1_000_000 * SECOND)).isEqualTo(Verdict.PROGRESSING);
    }
}
