package io.autoresponder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up plot of bench/image.sh reads the script's CSV, blank cells included, and draws every curve. */
class WarmupPlotTest {

    @TempDir
    Path dir;

    @Test
    void readsEachConfigurationAsACurveWithBlankCellsAsGaps() throws Exception {
        Path csv = Files.writeString(dir.resolve("warmup.csv"), "second,j17,j25-aot\n1,100,900\n2,400,\n3,800,1000\n");

        var curves = WarmupPlot.read(csv);

        assertThat(curves).extracting(WarmupPlot.Curve::name).containsExactly("j17", "j25-aot");
        assertThat(curves.get(0).perSecond()).containsExactly(100, 400, 800);
        assertThat(curves.get(1).perSecond()[1]).isNaN();
    }

    @Test
    void drawsEachCurveInItsOwnColour() throws Exception {
        Path csv = Files.writeString(dir.resolve("warmup.csv"), "second,slow,fast\n1,0,50000\n2,10000,50000\n"
                + "3,20000,50000\n4,30000,50000\n");
        Path png = dir.resolve("warmup.png");

        WarmupPlot.write(WarmupPlot.read(csv), "warm-up", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(Pixels.count(image, 0x1f5fa8)).as("first curve").isGreaterThan(100);
        assertThat(Pixels.count(image, 0xc0392b)).as("second curve").isGreaterThan(100);
    }
}
