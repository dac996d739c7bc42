package io.autoresponder.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Draws the warm-up curves of bench/image.sh: round trips per second against seconds of load since the service
 * became ready, one line per configuration. Reads the CSV the script writes ({@code second,<config>,...}).
 *
 * <pre>java -cp ... io.autoresponder.bench.WarmupPlot warmup.csv warmup.png "title"</pre>
 */
public final class WarmupPlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 80;
    private static final int RIGHT = 200;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;
    static final Color[] COLOURS = { new Color(0x1f, 0x5f, 0xa8), new Color(0xc0, 0x39, 0x2b),
        new Color(0x27, 0x8a, 0x4a), new Color(0x8e, 0x44, 0xad), new Color(0xd3, 0x84, 0x00),
        new Color(0x55, 0x55, 0x55), new Color(0x16, 0xa0, 0x85), new Color(0x8d, 0x6e, 0x63) };

    /** One configuration's round trips per second, second by second from the first request. */
    record Curve(String name, double[] perSecond) {
    }

    private WarmupPlot() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: WarmupPlot <csv> <png> <title>");
            System.exit(2);
        }
        write(read(Path.of(args[0])), args[2], Path.of(args[1]));
    }

    static List<Curve> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] names = lines.get(0).split(",");
        List<double[]> columns = new ArrayList<>();
        for (int c = 1; c < names.length; c++) {
            columns.add(new double[lines.size() - 1]);
        }
        for (int row = 1; row < lines.size(); row++) {
            String[] cells = lines.get(row).split(",", -1);
            for (int c = 1; c < names.length; c++) {
                columns.get(c - 1)[row - 1] = c < cells.length && !cells[c].isEmpty() ? Double.parseDouble(cells[c])
                        : Double.NaN;
            }
        }
        List<Curve> curves = new ArrayList<>();
        for (int c = 1; c < names.length; c++) {
            curves.add(new Curve(names[c], columns.get(c - 1)));
        }
        return curves;
    }

    static void write(List<Curve> curves, String title, Path png) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);

        int seconds = curves.stream().mapToInt(c -> c.perSecond().length).max().orElse(1);
        double top = curves.stream().flatMapToDouble(c -> Arrays.stream(c.perSecond())).filter(v -> !Double.isNaN(v))
                .max().orElse(1);
        double step = niceStep(top / 5);
        double yMax = Math.ceil(top * 1.05 / step) * step; // headroom: a curve at the top stays off the frame
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double y = 0; y <= yMax + step / 2; y += step) {
            int py = TOP + plotHeight - (int) Math.round(y / yMax * plotHeight);
            g.setColor(new Color(0xdd, 0xdd, 0xdd));
            g.drawLine(LEFT, py, LEFT + plotWidth, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f", y), 8, py + 4);
        }
        for (int s = 0; s <= seconds; s += 5) {
            int px = LEFT + (int) Math.round((double) s / seconds * plotWidth);
            g.drawString(Integer.toString(s), px - 4, TOP + plotHeight + 18);
        }
        g.drawString("seconds of load after ready", LEFT + plotWidth / 2 - 80, HEIGHT - 10);
        g.drawString("round trips/s", 8, TOP - 10);

        for (int i = 0; i < curves.size(); i++) {
            Curve curve = curves.get(i);
            g.setColor(COLOURS[i % COLOURS.length]);
            g.setStroke(new BasicStroke(2f));
            Path2D.Double line = new Path2D.Double();
            boolean started = false;
            for (int s = 0; s < curve.perSecond().length; s++) {
                double value = curve.perSecond()[s];
                if (Double.isNaN(value)) {
                    continue;
                }
                double px = LEFT + (double) (s + 1) / seconds * plotWidth;
                double py = TOP + plotHeight - value / yMax * plotHeight;
                if (started) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    started = true;
                }
            }
            g.draw(line);
            g.fillRect(LEFT + plotWidth + 16, TOP + 10 + i * 22, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(curve.name(), LEFT + plotWidth + 36, TOP + 16 + i * 22);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-9))));
        for (double factor : new double[] { 1, 2, 5, 10 }) {
            if (factor * magnitude >= rough) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
