package io.autoresponder.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.DefaultEventLoop;

/** A blocked event loop is reported stuck after the timeout, and recovers once it runs again. */
class EventLoopHeartbeatTest {

    private final DefaultEventLoop healthy = new DefaultEventLoop();
    private final DefaultEventLoop blocked = new DefaultEventLoop();

    @AfterEach
    void shutdown() {
        healthy.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        blocked.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheBlockedLoopIsReportedAndOnlyWhileBlocked() throws InterruptedException {
        EventLoopHeartbeat heartbeat = new EventLoopHeartbeat(List.of(healthy, blocked), Duration.ofMillis(300),
                System::nanoTime);
        CountDownLatch release = new CountDownLatch(1);
        blocked.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            heartbeat.beat();
            return heartbeat.stuckLoops().equals(List.of(1));
        });

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            heartbeat.beat();
            return heartbeat.stuckLoops().isEmpty();
        });
        assertThat(heartbeat.loopCount()).isEqualTo(2);
    }
}
