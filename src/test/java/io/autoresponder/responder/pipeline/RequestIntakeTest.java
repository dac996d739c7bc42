package io.autoresponder.responder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The intake counts requests until they are acknowledged or failed, and lets none in once closed. */
class RequestIntakeTest {

    private final RequestIntake intake = new RequestIntake();

    @Test
    void closedWithNothingInFlightIsDrainedAtOnce() throws Exception {
        intake.close();

        assertThat(intake.awaitDrained(Duration.ZERO)).isTrue();
    }

    @Test
    void drainWaitsForEveryRequestInFlightToBeAcknowledgedOrFailed() throws Exception {
        List<Message<?>> taken = take(Message.of("a"), Message.of("b"));
        intake.close();

        assertThat(intake.inFlight()).isEqualTo(2);
        assertThat(intake.awaitDrained(Duration.ofMillis(50))).as("grace period over, two in flight").isFalse();

        taken.get(0).ack().toCompletableFuture().join();
        taken.get(1).nack(new IllegalStateException("handler failed")).toCompletableFuture().join();

        assertThat(intake.awaitDrained(Duration.ofSeconds(1))).isTrue();
        assertThat(intake.inFlight()).isZero();
    }

    @Test
    void requestsArrivingAfterCloseAreNeitherPassedOnNorAcknowledged() {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        intake.close();

        List<Message<?>> taken = take(Message.of("late", () -> {
            acknowledged.complete(null);
            return CompletableFuture.completedFuture(null);
        }));

        assertThat(taken).isEmpty();
        assertThat(intake.turnedAway()).isEqualTo(1);
        assertThat(acknowledged).as("left to the broker for redelivery").isNotDone();
    }

    @Test
    void theMessagePassedOnKeepsPayloadMetadataAndAcknowledgement() {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<String> request = Message.of("payload", () -> {
            acknowledged.complete(null);
            return CompletableFuture.completedFuture(null);
        }).addMetadata(Duration.ofSeconds(7));

        Message<?> taken = take(request).get(0);
        taken.ack().toCompletableFuture().join();

        assertThat(taken.getPayload()).isEqualTo("payload");
        assertThat(taken.getMetadata(Duration.class)).contains(Duration.ofSeconds(7));
        assertThat(acknowledged).isDone();
    }

    @SafeVarargs
    private List<Message<?>> take(Message<?>... messages) {
        Multi<? extends Message<?>> decorated = intake.decorate(Multi.createFrom().items(messages), List.of("test"), true);
        AssertSubscriber<Message<?>> subscriber = AssertSubscriber.create(Long.MAX_VALUE);
        decorated.subscribe().withSubscriber(subscriber);
        return subscriber.awaitCompletion().getItems();
    }
}
