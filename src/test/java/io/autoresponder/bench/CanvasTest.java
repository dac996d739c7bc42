package io.autoresponder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark charts' grid: steps a reader can add up at a glance. */
class CanvasTest {

    @Test
    void gridStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Canvas.niceStep(13_000)).isEqualTo(20_000);
        assertThat(Canvas.niceStep(4_100)).isEqualTo(5_000);
        assertThat(Canvas.niceStep(1_000)).isEqualTo(1_000);
        assertThat(Canvas.niceStep(3.2)).isEqualTo(5);
    }
}
