package io.autoresponder.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** {@link PublishWindow}: never more than its size unfinished, the rest in order, nothing lost or run twice. */
class PublishWindowTest {

    private final List<CompletableFuture<Void>> started = new ArrayList<>();

    private CompletableFuture<Void> publish() {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        started.add(sent);
        return sent;
    }

    @Test
    void startsAtMostItsSizeAndTheNextOneWhenOneCompletes() {
        PublishWindow window = new PublishWindow(3);
        List<CompletableFuture<Void>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(window.submit(this::publish));
        }

        assertThat(started).hasSize(3);
        assertThat(window.unfinished()).isEqualTo(3);
        assertThat(window.waiting()).isEqualTo(2);

        started.get(1).complete(null);

        assertThat(results.get(1)).isCompleted();
        assertThat(started).hasSize(4);
        assertThat(window.unfinished()).isEqualTo(3);
    }

    @Test
    void aFailedPublishFailsItsResultAndFreesItsPlace() {
        PublishWindow window = new PublishWindow(1);
        CompletableFuture<Void> first = window.submit(this::publish);
        CompletableFuture<Void> second = window.submit(this::publish);

        started.get(0).completeExceptionally(new IllegalStateException("refused"));

        assertThat(first).isCompletedExceptionally();
        assertThat(started).hasSize(2);
        assertThat(second).isNotDone();
    }

    @Test
    void aPublishThatThrowsFailsItsResultOnly() {
        PublishWindow window = new PublishWindow(1);
        CompletableFuture<Void> throwing = window.submit(() -> {
            throw new IllegalStateException("not connected");
        });
        CompletableFuture<Void> next = window.submit(this::publish);

        assertThat(throwing).isCompletedExceptionally();
        assertThat(started).hasSize(1);
        assertThat(next).isNotDone();
    }

    // Publishes that complete at once, each submitting the next from its completion: a loop, not a recursion.
    @Test
    void aLongRunOfPublishesCompletingAtOnceDoesNotGrowTheStack() {
        PublishWindow window = new PublishWindow(PublishWindow.SIZE);
        AtomicInteger done = new AtomicInteger();
        int total = 200_000;
        for (int i = 0; i < total; i++) {
            window.submit(() -> CompletableFuture.failedFuture(new IllegalStateException("x")))
                    .whenComplete((nothing, failure) -> done.incrementAndGet());
        }

        assertThat(done).hasValue(total);
        assertThat(window.unfinished()).isZero();
        assertThat(window.waiting()).isZero();
    }

    @Test
    void completionsOnManyThreadsLeaveNothingBehind() throws Exception {
        ExecutorService completing = Executors.newFixedThreadPool(2);
        PublishWindow window = new PublishWindow(4);
        AtomicInteger done = new AtomicInteger();
        int total = 20_000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < total / 4; i++) {
                    window.submit(() -> CompletableFuture.runAsync(() -> { }, completing))
                            .whenComplete((nothing, failure) -> done.incrementAndGet());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        await().until(() -> done.get() == total);
        completing.shutdown();
        assertThat(window.unfinished()).isZero();
        assertThat(window.waiting()).isZero();
    }
}
