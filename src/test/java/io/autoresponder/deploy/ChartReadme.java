package io.autoresponder.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values table of the chart's README, made from the {@code # --} comments of values.yaml (the helm-docs
 * convention): one row per documented key, with its default as written in the file. The table sits between two
 * markers in helm/autoresponder/README.md; run {@link #main} to rewrite it there.
 */
final class ChartReadme {

    static final Path VALUES = RenderedChart.CHART.resolve("values.yaml");
    static final Path README = RenderedChart.CHART.resolve("README.md");
    static final String BEGIN = "<!-- values table: generated from values.yaml by ChartReadme, do not edit -->";
    static final String END = "<!-- end of values table -->";

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_]+):(.*)$");

    private ChartReadme() {
    }

    /** One documented value. */
    record Row(String key, String defaultValue, String description) {
    }

    static List<Row> rows(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        Deque<Integer> indents = new ArrayDeque<>();
        StringBuilder description = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("# -- ")) {
                description = new StringBuilder(trimmed.substring(5));
                continue;
            }
            if (description != null && trimmed.startsWith("# ")) {
                description.append(' ').append(trimmed.substring(2));
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            while (!indents.isEmpty() && indents.peek() >= indent) {
                indents.pop();
                path.removeLast();
            }
            indents.push(indent);
            path.addLast(key.group(2));
            if (description != null) {
                rows.add(new Row(String.join(".", path), defaultValue(key.group(3).strip(), lines, i, indent),
                        description.toString()));
                description = null;
            }
        }
        return rows;
    }

    /** The value on the key's line, or the block under it joined on one line. */
    private static String defaultValue(String inline, List<String> lines, int at, int indent) {
        if (!inline.isEmpty()) {
            return inline.replaceAll("\\s+#.*$", "");
        }
        List<String> block = new ArrayList<>();
        for (int i = at + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                break;
            }
            int lineIndent = line.length() - line.stripLeading().length();
            if (lineIndent <= indent && !line.stripLeading().startsWith("- ")) {
                break;
            }
            if (!line.strip().startsWith("#")) {
                block.add(line.strip());
            }
        }
        return String.join(" ", block);
    }

    /** The table in Markdown. */
    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder("| Key | Default | Description |\n|---|---|---|\n");
        for (Row row : rows) {
            table.append("| `").append(row.key()).append("` | ")
                    .append(row.defaultValue().isEmpty() ? "" : "`" + row.defaultValue().replace("|", "\\|") + "`")
                    .append(" | ").append(row.description().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    static String generatedTable() throws IOException {
        return table(rows(Files.readAllLines(VALUES)));
    }

    /** The table between the markers of the committed README. */
    static String committedTable(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(README + " lacks the markers " + BEGIN + " and " + END);
        }
        return readme.substring(begin + BEGIN.length(), end).strip() + "\n";
    }

    /** Rewrites the table of helm/autoresponder/README.md from values.yaml. */
    public static void main(String[] args) throws IOException {
        String readme = Files.readString(README);
        int begin = readme.indexOf(BEGIN) + BEGIN.length();
        int end = readme.indexOf(END);
        Files.writeString(README, readme.substring(0, begin) + "\n\n" + generatedTable() + "\n" + readme.substring(end));
    }
}
