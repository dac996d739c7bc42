package io.autoresponder.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;

import io.autoresponder.broker.routing.Publication;

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

    // [MQTT-4.4.0-1]: what is re-sent on reconnect, in the order it was sent first.
    @Test
    void inflightMessagesAreListedInSendingOrderWithThoseAfterPubrecMarked() {
        OutboundWindow window = new OutboundWindow(10, 10);
        for (int i = 0; i < 3; i++) {
            window.offer(MESSAGE, MqttQoS.EXACTLY_ONCE);
        }
        int first = window.next().packetId();
        int second = window.next().packetId();
        int third = window.next().packetId();

        assertThat(window.release(second)).isTrue();
        assertThat(window.release(999)).as("not in flight").isFalse();

        assertThat(window.inflight()).extracting(OutboundWindow.Delivery::packetId).containsExactly(first, second, third);
        assertThat(window.isReleased(second)).isTrue();
        assertThat(window.isReleased(first)).isFalse();
        assertThat(window.complete(second)).isTrue();
        assertThat(window.isReleased(second)).as("forgotten after PUBCOMP").isFalse();
    }

    // MQTT 5.0 section 4.8.2: what a shared group may give to another member when the session ends.
    @Test
    void unreceivedMessagesLeaveOutFlowsPastPubrecAndEmptyTheWindow() {
        OutboundWindow window = new OutboundWindow(2, 10);
        for (String topic : new String[] { "a", "b", "c" }) {
            window.offer(new Publication(topic, Buffer.buffer("x"), MqttQoS.EXACTLY_ONCE, false,
                    MqttProperties.NO_PROPERTIES, null), MqttQoS.EXACTLY_ONCE);
        }
        OutboundWindow.Delivery sentA = window.next();
        window.next();
        window.release(sentA.packetId());

        assertThat(window.drainUnreceived()).extracting(delivery -> delivery.publication().topic())
                .containsExactly("b", "c");
        assertThat(window.inflightCount()).isZero();
        assertThat(window.queuedCount()).isZero();
    }

    // MQTT 5.0 section 3.1.2.11.3: a client that resumes the session with a smaller receive maximum.
    @Test
    void resizedWindowSendsNoMoreThanTheNewMaximum() {
        OutboundWindow window = new OutboundWindow(10, 10);
        for (int i = 0; i < 3; i++) {
            window.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE);
        }
        window.resize(1);

        assertThat(window.next()).isNotNull();
        assertThat(window.next()).isNull();
    }

    // MESSAGE counts 2 bytes (payload "x", topic "t"): a 5-byte budget shared by two windows holds two messages.
    @Test
    void theByteBudgetIsSharedByWindowsAndGivenBackWhenMessagesLeave() {
        QueuedBytes budget = new QueuedBytes(5);
        OutboundWindow one = new OutboundWindow(10, 10, budget);
        OutboundWindow other = new OutboundWindow(10, 10, budget);

        assertThat(one.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE)).isTrue();
        assertThat(other.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE)).isTrue();
        assertThat(other.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE)).as("budget spent").isFalse();
        assertThat(budget.used()).isEqualTo(4);

        OutboundWindow.Delivery sent = one.next();
        assertThat(budget.used()).as("in flight still counts").isEqualTo(4);
        one.complete(sent.packetId());
        assertThat(budget.used()).isEqualTo(2);

        other.next();
        assertThat(other.offer(MESSAGE, MqttQoS.AT_LEAST_ONCE)).isTrue();
        other.drainUnreceived();
        assertThat(budget.used()).as("a drained window holds nothing").isZero();
    }
}
