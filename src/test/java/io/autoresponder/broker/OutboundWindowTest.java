package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;

/** Outbound flow control: in-flight window, bounded queue, packet identifiers. */
class OutboundWindowTest {

    private static final Publication MESSAGE = new Publication("t", Buffer.buffer("x"), MqttQoS.AT_LEAST_ONCE,
            false, MqttProperties.NO_PROPERTIES, null);

    @Test
    void sendsNoMoreThanTheWindowUntilAcknowledged() {
        OutboundWindow window = new OutboundWindow(2, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(window.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE)).isTrue();
        }

        OutboundWindow.Delivery first = window.next();
        OutboundWindow.Delivery second = window.next();

        assertThat(window.next()).as("window of 2 is full").isNull();
        assertThat(window.complete(first.packetId())).isTrue();
        assertThat(window.next()).isNotNull();
        assertThat(window.complete(second.packetId())).isTrue();
        assertThat(window.complete(second.packetId())).as("completed only once").isFalse();
    }

    @Test
    void dropsWhenTheQueueIsFull() {
        OutboundWindow window = new OutboundWindow(1, 2);

        assertThat(window.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE)).isTrue();
        assertThat(window.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE)).isTrue();
        assertThat(window.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE)).isFalse();
    }

    // [MQTT-2.3.1-4]: an identifier is not reused while its flow is incomplete, also across wrap-around.
    @Test
    void packetIdentifiersInFlightAreNeverReused() {
        OutboundWindow window = new OutboundWindow(100, 200_000);
        OutboundWindow.Delivery stuck = null;
        Set<Integer> inFlight = new HashSet<>();
        for (int i = 0; i < 140_000; i++) {
            window.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE);
            OutboundWindow.Delivery delivery = window.next();
            assertThat(delivery.packetId()).isBetween(1, 65_535);
            assertThat(inFlight.add(delivery.packetId())).isTrue();
            if (stuck == null) {
                stuck = delivery; // never acknowledged
            } else {
                window.complete(delivery.packetId());
                inFlight.remove(delivery.packetId());
            }
        }
        assertThat(window.inflightCount()).isEqualTo(1);
    }
}
