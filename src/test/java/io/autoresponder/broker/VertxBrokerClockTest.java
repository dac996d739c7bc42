package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

/**
 * Timers of sessions (expiry, will delay) and keep-alive that come due while the application shuts down do
 * nothing: the beans they would reach are being destroyed.
 */
class VertxBrokerClockTest {

    @Test
    void aTimerDueAfterShutdownBeganDoesNotRun() throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            VertxBrokerClock clock = new VertxBrokerClock(vertx);
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch before = new CountDownLatch(1);
            clock.setTimer(1, () -> {
                ran.incrementAndGet();
                before.countDown();
            });
            assertThat(before.await(5, TimeUnit.SECONDS)).as("a timer runs while the application runs").isTrue();

            clock.setTimer(50, ran::incrementAndGet);
            clock.onShutdown(null);
            CountDownLatch after = new CountDownLatch(1);
            vertx.setTimer(200, id -> after.countDown()); // well past the suppressed timer
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).hasValue(1);
        } finally {
            vertx.close();
        }
    }
}
