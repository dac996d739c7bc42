package io.autoresponder.bench.soak;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;

/**
 * Clients that come and go: each tick one new client id connects, subscribes to the feed at QoS 1 and
 * disconnects. Every other one has a clean session; the rest have a persistent session with a short expiry,
 * reconnect once at once (the session is resumed, with the feed messages queued meanwhile) and then stay away
 * until the session expires. Client ids are never reused, so a session or registration that is not removed
 * shows as growth.
 */
final class ReconnectChurn {

    /** Session expiry of the persistent churn clients, seconds: the broker must drop them this soon. */
    static final int SESSION_EXPIRY_SECONDS = 5;

    private final Clients clients;
    private final String run;
    private final String feedTopic;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private long next;

    ReconnectChurn(Clients clients, String run, String feedTopic) {
        this.clients = clients;
        this.run = run;
        this.feedTopic = feedTopic;
    }

    /** One client's visit; blocking, so not on a lane's thread. */
    void tick() {
        long n = next++;
        boolean persistent = n % 2 == 1;
        Mqtt5AsyncClient client = clients.builder("soak-" + run + "-churn-" + n).buildAsync();
        try {
            connect(client, true, persistent);
            client.subscribeWith().topicFilter(feedTopic).qos(MqttQos.AT_LEAST_ONCE).callback(p -> {
            }).send().get(Clients.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            client.disconnect().get(Clients.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (persistent) {
                Mqtt5ConnAck connAck = connect(client, false, true);
                if (connAck.isSessionPresent()) {
                    resumed.incrementAndGet();
                }
                client.disconnect().get(Clients.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            errors.incrementAndGet();
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        }
    }

    private Mqtt5ConnAck connect(Mqtt5AsyncClient client, boolean cleanStart, boolean persistent) throws Exception {
        Mqtt5ConnAck connAck = client.connectWith().cleanStart(cleanStart)
                .sessionExpiryInterval(persistent ? SESSION_EXPIRY_SECONDS : 0).send()
                .get(Clients.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        connects.incrementAndGet();
        return connAck;
    }

    long connects() {
        return connects.get();
    }

    long resumed() {
        return resumed.get();
    }

    long errors() {
        return errors.get();
    }
}
