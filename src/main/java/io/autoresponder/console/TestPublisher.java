package io.autoresponder.console;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes the console's test messages where the responder listens, and waits for their reply. */
interface TestPublisher {

    /**
     * Publishes {@code message} and waits up to {@code timeout} for a message on its response topic.
     *
     * @return the reply, or empty when none came in time; fails when the message could not be published
     */
    CompletionStage<Optional<TestReply>> publish(TestMessage message, Duration timeout);

    /** Where messages go, for the console's header. */
    String describe();

    /** {@code reply} if it comes within {@code timeout}, else empty; other failures stay failures. */
    static CompletableFuture<Optional<TestReply>> within(CompletableFuture<TestReply> reply, Duration timeout) {
        return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(Optional::of)
                .exceptionally(failure -> {
                    // thenApply's stage sees the timeout wrapped in a CompletionException.
                    if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
                        return Optional.empty();
                    }
                    throw new IllegalStateException(failure);
                });
    }
}
