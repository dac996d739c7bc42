package io.autoresponder.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Router;

/**
 * Publishes the broker's statistics as retained messages under {@code $SYS/broker/}, with the topic names
 * Mosquitto uses, so existing dashboards and {@code mosquitto_sub -t '$SYS/#'} work. Topics starting with
 * {@code $} are not matched by {@code #} [MQTT-4.7.2-1], so only clients that ask see them.
 */
final class SysTopics {

    private final Vertx vertx;
    private final Router router;
    private final BrokerMetrics metrics;
    private final Duration interval;
    private final long startedNanos = System.nanoTime();
    private long timerId = -1;

    SysTopics(Vertx vertx, Router router, BrokerMetrics metrics, Duration interval) {
        this.vertx = vertx;
        this.router = router;
        this.metrics = metrics;
        this.interval = interval;
    }

    void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        publish();
        timerId = vertx.setPeriodic(interval.toMillis(), id -> publish());
    }

    void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private void publish() {
        long uptimeSeconds = Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
        put("$SYS/broker/uptime", uptimeSeconds + " seconds");
        put("$SYS/broker/clients/connected", metrics.connectionCount());
        put("$SYS/broker/messages/received", metrics.receivedCount());
        put("$SYS/broker/messages/sent", metrics.sentCount());
        put("$SYS/broker/subscriptions/count", router.subscriptionCount());
        put("$SYS/broker/retained messages/count", router.retainedCount());
    }

    private void put(String topic, Object value) {
        router.publishFromBroker(new Publication(topic, Buffer.buffer(String.valueOf(value).getBytes(StandardCharsets.UTF_8)),
                MqttQoS.AT_MOST_ONCE, true, MqttProperties.NO_PROPERTIES, null));
    }
}
