package io.autoresponder.examples.externalshared;

/**
 * A unit of work, e.g. {@code {"id":"job-7","n":42}}.
 *
 * @param id the job's name, copied into its result
 * @param n  the number to work on
 */
public record Job(String id, long n) {
}
