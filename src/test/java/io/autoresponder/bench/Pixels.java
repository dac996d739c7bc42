package io.autoresponder.bench;

import java.awt.image.BufferedImage;

/** Reads drawn charts back in their tests. */
final class Pixels {

    private Pixels() {
    }

    /** How many pixels of {@code image} have exactly the colour {@code rgb}. */
    static int count(BufferedImage image, int rgb) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
