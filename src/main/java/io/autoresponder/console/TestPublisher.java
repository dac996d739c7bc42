package io.autoresponder.console;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

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
}
