package io.autoresponder.bench.soak;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;

/**
 * A feed published at QoS 1 and a persistent-session subscriber that acknowledges it ten times slower than it
 * comes, with a small Receive Maximum: the broker's in-flight window for it stays full and its queue sits at its
 * bound ({@code max-queued-messages}), dropping the newest. Queued bytes must level off there, not grow.
 */
final class SlowConsumer {

    /** Unacknowledged messages the subscriber lets the broker send it (MQTT 5 Receive Maximum). */
    static final int RECEIVE_MAXIMUM = 20;

    private final Clients clients;
    private final String run;
    private final String feedTopic;
    private final byte[] feedPayload;
    private final Queue<Mqtt5Publish> unacknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicLong fed = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private Mqtt5AsyncClient feeder;
    private Mqtt5AsyncClient subscriber;

    SlowConsumer(Clients clients, String run) {
        this.clients = clients;
        this.run = run;
        this.feedTopic = "soak/" + run + "/feed";
        this.feedPayload = ("{\"reading\":\"" + "x".repeat(80) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    String feedTopic() {
        return feedTopic;
    }

    void connect() {
        feeder = clients.connected("soak-" + run + "-feeder");
        subscriber = clients.builder("soak-" + run + "-slow").buildAsync();
        subscriber.connectWith().cleanStart(true).sessionExpiryInterval(3600).restrictions()
                .receiveMaximum(RECEIVE_MAXIMUM).applyRestrictions().send().join();
        subscriber.subscribeWith().topicFilter(feedTopic).qos(MqttQos.AT_LEAST_ONCE).callback(publish -> {
            received.incrementAndGet();
            unacknowledged.add(publish);
        }).manualAcknowledgement(true).send().join();
    }

    /** Publishes one feed message. */
    void feed() {
        fed.incrementAndGet();
        feeder.publishWith().topic(feedTopic).qos(MqttQos.AT_LEAST_ONCE).payload(feedPayload).send()
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        errors.incrementAndGet();
                    }
                });
    }

    /** Acknowledges the oldest message the subscriber holds, if any. */
    void acknowledgeOne() {
        Mqtt5Publish publish = unacknowledged.poll();
        if (publish != null) {
            publish.acknowledge();
            acknowledged.incrementAndGet();
        }
    }

    long fed() {
        return fed.get();
    }

    long received() {
        return received.get();
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long errors() {
        return errors.get();
    }

    boolean connected() {
        return subscriber.getState().isConnected();
    }

    void disconnect() {
        for (Mqtt5AsyncClient client : new Mqtt5AsyncClient[] { feeder, subscriber }) {
            if (client.getState().isConnected()) {
                client.disconnectWith().sessionExpiryInterval(0).send().join();
            }
        }
    }
}
