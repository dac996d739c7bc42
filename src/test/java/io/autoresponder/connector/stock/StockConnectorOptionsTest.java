package io.autoresponder.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.mqtt.session.ReconnectDelayProvider;

import io.autoresponder.responder.ResponderConfig;

/** The reconnection delays the network connector waits between attempts: exponential, then capped. */
class StockConnectorOptionsTest {

    @Test
    void defaultBackoffGrowsExponentiallyUpToTheCap() {
        assertThat(delays(Duration.ofSeconds(1), Duration.ofSeconds(30), 9)).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(9), Duration.ofSeconds(17), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    @Test
    void aSuccessfulConnectionStartsTheBackoffOver() {
        ReconnectDelayProvider provider = StockConnectorOptions
                .backoff(reconnect(Duration.ofMillis(250), Duration.ofSeconds(2))).createProvider();
        provider.nextDelay();
        provider.nextDelay();

        provider.reset();

        assertThat(provider.nextDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void nonsensicalDelaysAreRefused() {
        assertThatThrownBy(() -> StockConnectorOptions.backoff(reconnect(Duration.ZERO, Duration.ofSeconds(1))))
                .hasMessageContaining("initial-delay");
        assertThatThrownBy(() -> StockConnectorOptions.backoff(reconnect(Duration.ofSeconds(2), Duration.ofSeconds(1))))
                .hasMessageContaining("max-delay");
    }

    private static List<Duration> delays(Duration initial, Duration max, int attempts) {
        ReconnectDelayProvider provider = StockConnectorOptions.backoff(reconnect(initial, max)).createProvider();
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            delays.add(provider.nextDelay());
        }
        return delays;
    }

    private static ResponderConfig.Reconnect reconnect(Duration initial, Duration max) {
        return new ResponderConfig.Reconnect() {
            @Override
            public Duration initialDelay() {
                return initial;
            }

            @Override
            public Duration maxDelay() {
                return max;
            }
        };
    }
}
