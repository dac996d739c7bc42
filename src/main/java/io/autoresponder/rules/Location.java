package io.autoresponder.rules;

/**
 * Where something is in a rules file.
 *
 * @param file   the file, as configured
 * @param line   1-based line
 * @param column 1-based column
 */
public record Location(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
