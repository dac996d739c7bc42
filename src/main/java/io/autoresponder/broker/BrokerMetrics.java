package io.autoresponder.broker;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Broker counters exported under {@code autoresponder_broker_*}. */
@ApplicationScoped
public class BrokerMetrics {

    private final AtomicInteger connections = new AtomicInteger();
    private final Counter received;
    private final Counter sent;
    private final Counter dropped;
    private final Counter retainedRefused;
    private final Counter protocolErrors;

    BrokerMetrics(MeterRegistry registry) {
        registry.gauge("autoresponder.broker.connections", connections);
        received = Counter.builder("autoresponder.broker.messages.received")
                .description("PUBLISH packets accepted from clients and in-process publishers").register(registry);
        sent = Counter.builder("autoresponder.broker.messages.sent")
                .description("PUBLISH packets written to clients").register(registry);
        dropped = Counter.builder("autoresponder.broker.messages.dropped")
                .description("Messages dropped because a client's queue was full").register(registry);
        retainedRefused = Counter.builder("autoresponder.broker.retained.refused")
                .description("Retained messages not stored because the retained store was full").register(registry);
        protocolErrors = Counter.builder("autoresponder.broker.protocol.errors")
                .description("Connections closed for a protocol violation").register(registry);
    }

    void connected() {
        connections.incrementAndGet();
    }

    void disconnected() {
        connections.decrementAndGet();
    }

    void received() {
        received.increment();
    }

    void sent() {
        sent.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void retainedRefused() {
        retainedRefused.increment();
    }

    void protocolError() {
        protocolErrors.increment();
    }
}
