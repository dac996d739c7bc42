package io.autoresponder.broker.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy;
import io.vertx.core.buffer.Buffer;

/** Which copies one publication makes: MQTT 3.1.1 section 3.3.5 and MQTT 5.0 sections 3.3.4 and 4.8.2. */
class SubscriptionTableTest {

    private final SubscriptionTable table = new SubscriptionTable();
    private final Subscriber alice = new Named("alice");
    private final Subscriber bob = new Named("bob");

    @Test
    void oneMatchingSubscriptionMakesOneCopyWithItsOptions() {
        table.subscribe(alice, "a/b", options(MqttQoS.AT_LEAST_ONCE, false, true), 7);

        assertThat(table.matching(publication("a/b"))).singleElement().satisfies(copy -> {
            assertThat(copy.subscriber()).isSameAs(alice);
            assertThat(copy.qos()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
            assertThat(copy.retainAsPublished()).isTrue();
            assertThat(copy.subscriptionIds()).containsExactly(7);
        });
    }

    // MQTT 5.0 section 3.3.4: one copy per client for overlapping subscriptions, at the highest QoS, with every
    // matching subscription's identifier.
    @Test
    void overlappingSubscriptionsOfOneSubscriberMergeIntoOneCopyAcrossThreeFilters() {
        table.subscribe(alice, "a/b", options(MqttQoS.AT_MOST_ONCE, false, false), 1);
        table.subscribe(bob, "a/+", options(MqttQoS.AT_MOST_ONCE, false, false), 0);
        table.subscribe(alice, "a/+", options(MqttQoS.EXACTLY_ONCE, false, false), 2);
        table.subscribe(alice, "#", options(MqttQoS.AT_LEAST_ONCE, false, true), 3);

        Map<Subscriber, SubscriptionTable.Delivery> copies = table.matching(publication("a/b")).stream()
                .collect(Collectors.toMap(SubscriptionTable.Delivery::subscriber, copy -> copy));

        assertThat(copies).containsOnlyKeys(alice, bob);
        assertThat(copies.get(alice).qos()).isEqualTo(MqttQoS.EXACTLY_ONCE);
        assertThat(copies.get(alice).retainAsPublished()).isTrue();
        assertThat(copies.get(alice).subscriptionIds()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(copies.get(bob).qos()).isEqualTo(MqttQoS.AT_MOST_ONCE);
        assertThat(copies.get(bob).subscriptionIds()).isEmpty();
    }

    // [MQTT-3.8.3-3]: no-local leaves out the publisher's own subscription, but not its other matching ones.
    @Test
    void noLocalLeavesOutOnlyTheSubscriptionThatAsksForIt() {
        table.subscribe(alice, "a/b", options(MqttQoS.EXACTLY_ONCE, true, false), 1);
        table.subscribe(alice, "a/#", options(MqttQoS.AT_MOST_ONCE, false, false), 2);

        assertThat(table.matching(publication("a/b", "alice"))).singleElement().satisfies(copy -> {
            assertThat(copy.qos()).isEqualTo(MqttQoS.AT_MOST_ONCE);
            assertThat(copy.subscriptionIds()).containsExactly(2);
        });
        assertThat(table.matching(publication("a/b", "carol"))).singleElement()
                .satisfies(copy -> assertThat(copy.qos()).isEqualTo(MqttQoS.EXACTLY_ONCE));
    }

    // MQTT 5.0 section 4.8.2: a shared subscription's copy is separate from the member's own subscriptions.
    @Test
    void aSharedGroupAddsItsOwnCopyBesideAMembersPlainSubscription() {
        table.subscribe(alice, "a/b", options(MqttQoS.AT_MOST_ONCE, false, false), 0);
        table.subscribe(alice, "$share/g/a/+", options(MqttQoS.AT_LEAST_ONCE, false, false), 0);

        List<SubscriptionTable.Delivery> copies = table.matching(publication("a/b"));

        assertThat(copies).hasSize(2).allSatisfy(copy -> assertThat(copy.subscriber()).isSameAs(alice));
        assertThat(copies).filteredOn(copy -> copy.group() != null).singleElement()
                .satisfies(copy -> assertThat(copy.qos()).isEqualTo(MqttQoS.AT_LEAST_ONCE));
    }

    @Test
    void nothingMatchesAfterUnsubscribing() {
        table.subscribe(alice, "a/b", options(MqttQoS.AT_MOST_ONCE, false, false));
        table.unsubscribe(alice, "a/b");

        assertThat(table.matching(publication("a/b"))).isEmpty();
        assertThat(table.size()).isZero();
    }

    private static MqttSubscriptionOption options(MqttQoS qos, boolean noLocal, boolean retainAsPublished) {
        return new MqttSubscriptionOption(qos, noLocal, retainAsPublished, RetainedHandlingPolicy.SEND_AT_SUBSCRIBE);
    }

    private static Publication publication(String topic) {
        return publication(topic, null);
    }

    private static Publication publication(String topic, String origin) {
        return new Publication(topic, Buffer.buffer("x"), MqttQoS.EXACTLY_ONCE, false, MqttProperties.NO_PROPERTIES,
                origin);
    }

    private record Named(String clientId) implements Subscriber {
        @Override
        public CompletionStage<Void> deliver(Publication publication, MqttQoS qos) {
            return TAKEN;
        }
    }
}
