package io.autoresponder.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

/** What the benchmark charts share: a white image with a title, the series colours, and horizontal grid lines. */
final class Canvas {

    static final Color[] COLOURS = { new Color(0x1f, 0x5f, 0xa8), new Color(0xc0, 0x39, 0x2b),
        new Color(0x27, 0x8a, 0x4a), new Color(0x8e, 0x44, 0xad), new Color(0xd3, 0x84, 0x00),
        new Color(0x55, 0x55, 0x55), new Color(0x16, 0xa0, 0x85), new Color(0x8d, 0x6e, 0x63) };
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    final BufferedImage image;
    final Graphics2D g;

    Canvas(int width, int height, String title, int titleLeft) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, titleLeft, 28);
    }

    static Color colour(int series) {
        return COLOURS[series % COLOURS.length];
    }

    /**
     * Grid lines every {@code step} from 0 to {@code yMax} across a plot area, each labelled at the left of the area
     * with {@code format}.
     */
    void grid(int left, int top, int width, int height, double yMax, double step, String format) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double y = 0; y <= yMax + step / 2; y += step) {
            int py = top + height - (int) Math.round(y / yMax * height);
            g.setColor(GRID);
            g.drawLine(left, py, left + width, py);
            g.setColor(Color.DARK_GRAY);
            String text = String.format(Locale.ROOT, format, y);
            g.drawString(text, left - 8 - g.getFontMetrics().stringWidth(text), py + 4);
        }
    }

    void write(Path png) throws IOException {
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
