package io.autoresponder.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart of bench/compare.sh reads the script's summary CSV and draws a bar per target and QoS. */
class CompareChartTest {

    @TempDir
    Path dir;

    @Test
    void readsOneBarPerTargetAndQos() throws Exception {
        Path csv = Files.writeString(dir.resolve("summary.csv"), "target,qos,round_trips_per_s,cpu_us_per_request\n"
                + "in-process,1,47300,11.2\naedes,1,32700,23.3\nin-process,0,80000,7.5\n");

        var bars = CompareChart.read(csv);

        assertThat(bars).containsExactly(new CompareChart.Bar("in-process", 1, 47300, 11.2),
                new CompareChart.Bar("aedes", 1, 32700, 23.3), new CompareChart.Bar("in-process", 0, 80000, 7.5));
    }

    @Test
    void refusesARowItCannotRead() throws Exception {
        Path csv = Files.writeString(dir.resolve("summary.csv"), "target,qos,round_trips_per_s,cpu_us_per_request\n"
                + "in-process,1,47300\n");

        assertThatThrownBy(() -> CompareChart.read(csv)).hasMessageContaining("in-process,1,47300");
    }

    @Test
    void drawsEachTargetInItsOwnColourWithTallerBarsForLargerValues() throws Exception {
        Path png = dir.resolve("compare.png");
        var bars = java.util.List.of(new CompareChart.Bar("fast", 1, 60000, 10),
                new CompareChart.Bar("slow", 1, 20000, 30));

        CompareChart.write(bars, "compare", png);

        BufferedImage image = ImageIO.read(png.toFile());
        int fast = Pixels.count(image, 0x1f5fa8);
        int slow = Pixels.count(image, 0xc0392b);
        assertThat(fast).as("first target's bars and legend").isGreaterThan(1000);
        assertThat(slow).as("second target's bars and legend").isGreaterThan(1000);
        // Each target has one tall and one short bar (rt/s and CPU are inverse here), so the areas are alike; the
        // heights differ per panel: the first target's bar is the taller one in the left panel.
        assertThat(columnHeight(image, 0x1f5fa8, 0, image.getWidth() / 2))
                .isGreaterThan(columnHeight(image, 0xc0392b, 0, image.getWidth() / 2));
        assertThat(columnHeight(image, 0xc0392b, image.getWidth() / 2, image.getWidth()))
                .isGreaterThan(columnHeight(image, 0x1f5fa8, image.getWidth() / 2, image.getWidth()));
    }

    @Test
    void labelsLargeValuesInThousands() {
        assertThat(CompareChart.shortNumber(47_312, "%,.0f")).isEqualTo("47.3k");
        assertThat(CompareChart.shortNumber(7_952, "%,.0f")).isEqualTo("8.0k");
        assertThat(CompareChart.shortNumber(11.24, "%.1f")).isEqualTo("11.2");
    }

    /** The tallest run of {@code rgb} pixels in one column between x {@code from} and {@code to}. */
    private static int columnHeight(BufferedImage image, int rgb, int from, int to) {
        int best = 0;
        for (int x = from; x < to; x++) {
            int run = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                run = (image.getRGB(x, y) & 0xffffff) == rgb ? run + 1 : 0;
                best = Math.max(best, run);
            }
        }
        return best;
    }
}
