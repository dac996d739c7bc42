package io.autoresponder.examples.externalshared;

/**
 * What a worker answers, e.g. {@code {"id":"job-7","n":42,"square":1764,"instance":"a"}}.
 *
 * @param id       the job's id
 * @param n        the job's number
 * @param square   {@code n * n}
 * @param instance the instance that did the job ({@code example.instance}, by default the host name)
 */
public record Result(String id, long n, long square, String instance) {
}
