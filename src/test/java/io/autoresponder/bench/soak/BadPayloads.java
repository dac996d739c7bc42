package io.autoresponder.bench.soak;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * Requests the responder must refuse (not JSON, the wrong shape, empty), sent to its request topic; each becomes
 * a dead letter on {@code other/errors}, which a watcher counts. A refused payload must cost nothing that stays.
 */
final class BadPayloads {

    private static final List<byte[]> PAYLOADS = List.of("{not json".getBytes(StandardCharsets.UTF_8),
            "{\"talk\":42}".getBytes(StandardCharsets.UTF_8), "[1,2,".getBytes(StandardCharsets.UTF_8), new byte[0],
            "{\"name\":\"no talk\"}".getBytes(StandardCharsets.UTF_8));

    private final Clients clients;
    private final String run;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private Mqtt5AsyncClient sender;
    private Mqtt5AsyncClient watcher;

    BadPayloads(Clients clients, String run) {
        this.clients = clients;
        this.run = run;
    }

    void connect() {
        watcher = clients.connected("soak-" + run + "-dead-letters");
        watcher.subscribeWith().topicFilter("other/errors").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> deadLetters.incrementAndGet()).send().join();
        sender = clients.connected("soak-" + run + "-bad");
    }

    void tick() {
        long n = sent.getAndIncrement();
        sender.publishWith().topic("test").qos(MqttQos.AT_LEAST_ONCE).payload(PAYLOADS.get((int) (n % PAYLOADS.size())))
                .send().whenComplete((result, failure) -> {
                    if (failure != null) {
                        errors.incrementAndGet();
                    }
                });
    }

    long sent() {
        return sent.get();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    long errors() {
        return errors.get();
    }

    void disconnect() {
        for (Mqtt5AsyncClient client : new Mqtt5AsyncClient[] { sender, watcher }) {
            if (client.getState().isConnected()) {
                client.disconnect().join();
            }
        }
    }
}
