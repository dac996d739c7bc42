package io.autoresponder.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;


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
        Canvas canvas = new Canvas(WIDTH, HEIGHT, title, LEFT);
        Graphics2D g = canvas.g;

        int seconds = curves.stream().mapToInt(c -> c.perSecond().length).max().orElse(1);
        double top = curves.stream().flatMapToDouble(c -> Arrays.stream(c.perSecond())).filter(v -> !Double.isNaN(v))
                .max().orElse(1);
        double step = Canvas.niceStep(top / 5);
        double yMax = Math.ceil(top * 1.05 / step) * step; // headroom: a curve at the top stays off the frame
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        canvas.grid(LEFT, TOP, plotWidth, plotHeight, yMax, step, "%,.0f");
        for (int s = 0; s <= seconds; s += 5) {
            int px = LEFT + (int) Math.round((double) s / seconds * plotWidth);
            g.drawString(Integer.toString(s), px - 4, TOP + plotHeight + 18);
        }
        g.drawString("seconds of load after ready", LEFT + plotWidth / 2 - 80, HEIGHT - 10);
        g.drawString("round trips/s", 8, TOP - 10);

        for (int i = 0; i < curves.size(); i++) {
            Curve curve = curves.get(i);
            g.setColor(Canvas.colour(i));
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
        canvas.write(png);
    }

}
