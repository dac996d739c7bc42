package io.autoresponder.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

import io.autoresponder.bench.LatencyRecorder;

/**
 * Request/reply at one QoS and a fixed rate (open loop: a slow reply does not slow the requests, so a service
 * that falls behind shows as a growing p99 rather than a lower rate). Each request carries the MQTT 5 response
 * topic of this lane, so the replies of the three lanes do not cross. A request without its reply after
 * {@link #REPLY_TIMEOUT_NANOS} counts as lost.
 */
final class RequestLane {

    static final long REPLY_TIMEOUT_NANOS = 10_000_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Clients clients;
    private final int qos;
    private final String id;
    private final String replyTopic;
    private final Map<Long, Long> outstanding = new ConcurrentHashMap<>();
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong publishErrors = new AtomicLong();
    private final AtomicReference<LatencyRecorder> interval;
    private Mqtt5AsyncClient client;

    RequestLane(Clients clients, int qos, String run, AtomicReference<LatencyRecorder> interval) {
        this.clients = clients;
        this.qos = qos;
        this.id = "soak-" + run + "-qos" + qos;
        this.replyTopic = "soak/" + run + "/reply/qos" + qos;
        this.interval = interval;
    }

    void connect() {
        client = clients.connected(id);
        client.subscribeWith().topicFilter(replyTopic).qos(MqttQos.fromCode(qos)).callback(p -> onReply(p.getPayloadAsBytes()))
                .send().join();
    }

    /** Sends one request; called at the lane's rate. */
    void send() {
        long seq = nextSeq.getAndIncrement();
        byte[] payload = ("{\"talk\":\"soak\",\"name\":\"soak\",\"id\":\"" + id + "\",\"seq\":" + seq + "}")
                .getBytes(StandardCharsets.UTF_8);
        outstanding.put(seq, System.nanoTime());
        client.publishWith().topic("test").qos(MqttQos.fromCode(qos)).responseTopic(replyTopic).payload(payload).send()
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        publishErrors.incrementAndGet();
                    }
                });
    }

    private void onReply(byte[] payload) {
        long now = System.nanoTime();
        JsonNode reply;
        try {
            reply = MAPPER.readTree(payload);
        } catch (IOException e) {
            return;
        }
        Long sentAt = outstanding.remove(reply.path("seq").asLong(-1));
        if (sentAt == null) {
            late.incrementAndGet(); // already counted lost, or answered twice
            return;
        }
        replies.incrementAndGet();
        interval.get().record(now - sentAt);
    }

    /** Counts requests older than the reply timeout as lost; {@code all} at the end of the run. */
    void expire(boolean all) {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Long, Long>> it = outstanding.entrySet().iterator(); it.hasNext();) {
            if (now - it.next().getValue() > REPLY_TIMEOUT_NANOS || all) {
                it.remove();
                lost.incrementAndGet();
            }
        }
    }

    boolean drained() {
        return outstanding.isEmpty();
    }

    int qos() {
        return qos;
    }

    long sent() {
        return nextSeq.get();
    }

    long replies() {
        return replies.get();
    }

    long lost() {
        return lost.get();
    }

    long late() {
        return late.get();
    }

    long publishErrors() {
        return publishErrors.get();
    }

    boolean connected() {
        return client.getState().isConnected();
    }

    void disconnect() {
        if (client.getState().isConnected()) {
            client.disconnect().join();
        }
    }
}
