package io.autoresponder.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;


/**
 * Draws the medians of bench/compare.sh as bars: round trips per second on the left, the responder's CPU time per
 * request on the right, one group of bars per QoS and one bar (and colour) per target. Reads the CSV the script
 * writes next to its table ({@code target,qos,round_trips_per_s,cpu_us_per_request}).
 *
 * <pre>java -cp ... io.autoresponder.bench.CompareChart summary.csv compare.png "title"</pre>
 */
public final class CompareChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 520;
    private static final int PANEL_GAP = 70;
    private static final int LEFT = 70;
    private static final int TOP = 70;
    private static final int BOTTOM = 110;

    /** The medians of one target at one QoS. */
    record Bar(String target, int qos, double roundTripsPerSecond, double cpuMicrosPerRequest) {
    }

    private CompareChart() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: CompareChart <csv> <png> <title>");
            System.exit(2);
        }
        write(read(Path.of(args[0])), args[2], Path.of(args[1]));
    }

    static List<Bar> read(Path csv) throws IOException {
        List<Bar> bars = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != 4) {
                throw new IllegalArgumentException(csv + ": expected target,qos,round_trips_per_s,cpu_us_per_request, "
                        + "got '" + line + "'");
            }
            bars.add(new Bar(cells[0], Integer.parseInt(cells[1]), Double.parseDouble(cells[2]),
                    Double.parseDouble(cells[3])));
        }
        return bars;
    }

    static void write(List<Bar> bars, String title, Path png) throws IOException {
        Canvas canvas = new Canvas(WIDTH, HEIGHT, title, LEFT);
        Graphics2D g = canvas.g;

        List<String> targets = new ArrayList<>(new LinkedHashSet<>(bars.stream().map(Bar::target).toList()));
        Set<Integer> qosLevels = new LinkedHashSet<>(bars.stream().map(Bar::qos).toList());
        int panelWidth = (WIDTH - 2 * LEFT - PANEL_GAP) / 2;
        panel(canvas, bars, targets, qosLevels, LEFT, panelWidth, "round trips/s (median, higher is better)",
                Bar::roundTripsPerSecond, "%,.0f");
        panel(canvas, bars, targets, qosLevels, LEFT + panelWidth + PANEL_GAP + LEFT / 2, panelWidth,
                "server CPU µs per request (median, lower is better)", Bar::cpuMicrosPerRequest, "%.1f");

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = LEFT;
        int y = HEIGHT - 30;
        for (int i = 0; i < targets.size(); i++) {
            g.setColor(Canvas.colour(i));
            g.fillRect(x, y - 11, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(targets.get(i), x + 20, y);
            x += 40 + g.getFontMetrics().stringWidth(targets.get(i));
            if (x > WIDTH - 160 && i < targets.size() - 1) {
                x = LEFT;
                y += 22;
            }
        }
        canvas.write(png);
    }

    private static void panel(Canvas canvas, List<Bar> bars, List<String> targets, Set<Integer> qosLevels, int left,
            int width, String label, ToDoubleFunction<Bar> value, String format) {
        int height = HEIGHT - TOP - BOTTOM;
        double top = bars.stream().mapToDouble(value).max().orElse(1);
        double step = Canvas.niceStep(top / 5);
        double yMax = Math.ceil(top * 1.1 / step) * step; // room for the value printed above the highest bar

        Graphics2D g = canvas.g;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, left, TOP - 14);
        canvas.grid(left, TOP, width, height, yMax, step, format.contains(".1f") ? "%.0f" : "%,.0f");

        int groupWidth = width / Math.max(1, qosLevels.size());
        int barWidth = Math.max(6, (groupWidth - 30) / Math.max(1, targets.size()));
        int group = 0;
        for (int qos : qosLevels) {
            int groupLeft = left + group * groupWidth + (groupWidth - barWidth * targets.size()) / 2;
            for (int i = 0; i < targets.size(); i++) {
                String target = targets.get(i);
                Bar bar = bars.stream().filter(b -> b.qos() == qos && b.target().equals(target)).findFirst()
                        .orElse(null);
                if (bar == null) {
                    continue;
                }
                double v = value.applyAsDouble(bar);
                int barHeight = (int) Math.round(v / yMax * height);
                int bx = groupLeft + i * barWidth;
                g.setColor(Canvas.colour(i));
                g.fillRect(bx + 2, TOP + height - barHeight, barWidth - 4, barHeight);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, targets.size() > 6 ? 9 : 10));
                String text = shortNumber(v, format);
                int textWidth = g.getFontMetrics().stringWidth(text);
                // Labels wider than their bar alternate between two lines, so neighbours of similar height stay legible.
                int lift = textWidth > barWidth - 2 && i % 2 == 1 ? 11 : 0;
                g.drawString(text, bx + barWidth / 2 - textWidth / 2, TOP + height - barHeight - 4 - lift);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            String name = "QoS " + qos;
            g.drawString(name, left + group * groupWidth + groupWidth / 2 - g.getFontMetrics().stringWidth(name) / 2,
                    TOP + height + 20);
            group++;
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, TOP, width, height);
    }

    /** Thousands as {@code 47.3k}, so a label fits over a narrow bar. */
    static String shortNumber(double value, String format) {
        if (value >= 1_000) {
            return String.format(Locale.ROOT, "%.1fk", value / 1000);
        }
        return String.format(Locale.ROOT, format, value);
    }

}
