package io.autoresponder.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Draws soak.png with Java2D: one panel per {@link SoakSeries} over elapsed time, warm-up shaded, the first and
 * last third's medians and the pass rule's limit dashed. No plotting library: the JDK is all a build machine has.
 */
final class SoakPlot {

    private static final int PANEL_WIDTH = 560;
    private static final int PANEL_HEIGHT = 300;
    private static final int COLUMNS = 3;
    private static final int HEADER = 56;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 44;
    private static final Color LINE = new Color(0x1f, 0x5f, 0xa8);
    private static final Color WARMUP = new Color(0xec, 0xec, 0xec);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    private static final Color LIMIT = new Color(0xc0, 0x39, 0x2b);
    private static final Color MEDIAN = new Color(0x27, 0x8a, 0x4a);

    private SoakPlot() {
    }

    static void write(List<SoakSample> samples, double warmupSeconds, String title, GrowthRule.Verdict verdict, Path png)
            throws IOException {
        SoakSeries[] series = SoakSeries.values();
        int rows = (series.length + COLUMNS - 1) / COLUMNS;
        BufferedImage image = new BufferedImage(COLUMNS * PANEL_WIDTH, HEADER + rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 16, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(verdict.passed() ? MEDIAN : LIMIT);
        g.drawString((verdict.passed() ? "PASS: no growth after warm-up" : "FAIL: grew: " + String.join(", ", verdict.failed()))
                + "   (grey: warm-up; green dashed: medians of the first and last third after it; red dashed: limit)", 16, 46);
        double maxSeconds = samples.isEmpty() ? 1 : samples.get(samples.size() - 1).elapsedSeconds();
        boolean minutes = maxSeconds > 300;
        List<SoakSample> steady = samples.stream().filter(s -> s.elapsedSeconds() >= warmupSeconds).toList();
        for (int i = 0; i < series.length; i++) {
            Graphics2D panel = (Graphics2D) g.create((i % COLUMNS) * PANEL_WIDTH, HEADER + (i / COLUMNS) * PANEL_HEIGHT,
                    PANEL_WIDTH, PANEL_HEIGHT);
            drawPanel(panel, samples, steady, series[i], warmupSeconds, maxSeconds, minutes);
            panel.dispose();
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void drawPanel(Graphics2D g, List<SoakSample> samples, List<SoakSample> steady, SoakSeries series,
            double warmupSeconds, double maxSeconds, boolean minutes) {
        int w = PANEL_WIDTH - LEFT - RIGHT;
        int h = PANEL_HEIGHT - TOP - BOTTOM;
        // The scale follows the samples after warm-up (and the limit): a start-up spike in the warm-up would
        // otherwise flatten what the rule is about. Warm-up values above the scale are clipped, their peak named.
        double yMax = 0;
        double warmupPeak = 0;
        for (SoakSample s : samples) {
            if (s.elapsedSeconds() >= warmupSeconds || steady.isEmpty()) {
                yMax = Math.max(yMax, series.of(s));
            } else {
                warmupPeak = Math.max(warmupPeak, series.of(s));
            }
        }
        Double limit = null;
        double firstMedian = 0;
        double lastMedian = 0;
        if (steady.size() >= GrowthRule.MIN_SAMPLES) {
            int third = steady.size() / 3;
            firstMedian = GrowthRule.median(steady.subList(0, third), series);
            lastMedian = GrowthRule.median(steady.subList(steady.size() - third, steady.size()), series);
            limit = series.allowed(firstMedian);
            yMax = Math.max(yMax, limit);
        }
        double step = niceStep(Math.max(yMax, 1e-9) / 5);
        double top = Math.max(step, Math.ceil(yMax * 1.05 / step) * step);
        double xStep = niceStep((minutes ? maxSeconds / 60 : maxSeconds) / 6);
        double xScale = minutes ? 60 : 1;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        String title = series.label() + (series.unit().isEmpty() ? "" : " (" + series.unit() + ")");
        g.drawString(title, LEFT, 22);
        if (warmupPeak > top) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "warm-up peak %.1f, clipped", warmupPeak),
                    LEFT + g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 14)).stringWidth(title) + 12, 22);
        }
        g.translate(LEFT, TOP);
        g.setColor(WARMUP);
        g.fillRect(0, 0, (int) Math.round(Math.min(warmupSeconds, maxSeconds) / maxSeconds * w), h);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (double y = 0; y <= top + step / 2; y += step) {
            int py = h - (int) Math.round(y / top * h);
            g.setColor(GRID);
            g.drawLine(0, py, w, py);
            g.setColor(Color.DARK_GRAY);
            String label = format(y, step);
            g.drawString(label, -6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
        }
        for (double x = 0; x * xScale <= maxSeconds + 1e-9; x += xStep) {
            int px = (int) Math.round(x * xScale / maxSeconds * w);
            g.setColor(GRID);
            g.drawLine(px, 0, px, h);
            g.setColor(Color.DARK_GRAY);
            String label = format(x, xStep);
            g.drawString(label, px - fm.stringWidth(label) / 2, h + fm.getAscent() + 4);
        }
        String axis = minutes ? "elapsed minutes" : "elapsed seconds";
        g.drawString(axis, w / 2 - fm.stringWidth(axis) / 2, h + 2 * fm.getAscent() + 10);
        g.setColor(Color.GRAY);
        g.drawRect(0, 0, w, h);

        Path2D line = new Path2D.Double();
        for (int i = 0; i < samples.size(); i++) {
            double px = samples.get(i).elapsedSeconds() / maxSeconds * w;
            double py = h - series.of(samples.get(i)) / top * h;
            if (i == 0) {
                line.moveTo(px, py);
            } else {
                line.lineTo(px, py);
            }
        }
        g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(LINE);
        Graphics2D clipped = (Graphics2D) g.create();
        clipped.clipRect(0, 0, w + 1, h + 1);
        clipped.draw(line);
        clipped.dispose();
        if (limit != null) { // over the data, so a flat series does not hide its medians
            int x0 = (int) Math.round(steady.get(0).elapsedSeconds() / maxSeconds * w);
            int xThird = (int) Math.round(steady.get(steady.size() / 3 - 1).elapsedSeconds() / maxSeconds * w);
            int xLast = (int) Math.round(steady.get(steady.size() - steady.size() / 3).elapsedSeconds() / maxSeconds * w);
            float[] dash = { 6f, 4f };
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
            g.setColor(LIMIT);
            int pyLimit = h - (int) Math.round(limit / top * h);
            g.drawLine(x0, pyLimit, w, pyLimit);
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
            g.setColor(MEDIAN);
            g.drawLine(x0, h - (int) Math.round(firstMedian / top * h), xThird, h - (int) Math.round(firstMedian / top * h));
            g.drawLine(xLast, h - (int) Math.round(lastMedian / top * h), w, h - (int) Math.round(lastMedian / top * h));
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (rough <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    private static String format(double value, double step) {
        if (step >= 1) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        int decimals = (int) Math.ceil(-Math.log10(step));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
