package io.autoresponder.bench.soak;

import java.nio.file.Path;

/**
 * Redraws soak.png and re-applies the pass rule from an existing soak.csv, e.g. after a tolerance changed:
 * {@code SoakReport target/soak/soak.csv <warm-up seconds> "<title>"}. Writes soak.png next to the CSV.
 */
public final class SoakReport {

    private SoakReport() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SoakReport <soak.csv> <warm-up seconds> <title>");
            System.exit(2);
        }
        Path csv = Path.of(args[0]);
        boolean passed = Soak.report(SoakSample.read(csv), Double.parseDouble(args[1]), args[2], csv.toAbsolutePath().getParent());
        System.exit(passed ? 0 : 1);
    }
}
