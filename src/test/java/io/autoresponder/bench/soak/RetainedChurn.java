package io.autoresponder.bench.soak;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/**
 * Retained publishes over a bounded set of topics, every fifth one a clear (empty retained payload): the
 * retained store turns over all the time but must stay at most {@link #TOPICS} entries for this run.
 */
final class RetainedChurn {

    static final int TOPICS = 50;

    private final Clients clients;
    private final String run;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private Mqtt5AsyncClient client;

    RetainedChurn(Clients clients, String run) {
        this.clients = clients;
        this.run = run;
    }

    void connect() {
        client = clients.connected("soak-" + run + "-retained");
    }

    void tick() {
        long n = published.getAndIncrement();
        String topic = "soak/" + run + "/retained/" + (n % TOPICS);
        byte[] payload = n % 5 == 4 ? new byte[0] : ("{\"state\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(payload).send()
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        errors.incrementAndGet();
                    }
                });
    }

    long published() {
        return published.get();
    }

    long errors() {
        return errors.get();
    }

    void disconnect() {
        if (client.getState().isConnected()) {
            client.disconnect().join();
        }
    }
}
