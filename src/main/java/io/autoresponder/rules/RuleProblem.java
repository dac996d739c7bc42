package io.autoresponder.rules;

/**
 * One thing wrong in a rules file, where an editor can jump to it.
 *
 * @param file    the file, as configured
 * @param line    1-based line
 * @param column  1-based column
 * @param message what is wrong and, where it helps, what would be right
 */
public record RuleProblem(String file, int line, int column, String message) {

    /** {@code file:line:column: message}, the form compilers and editors use. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
