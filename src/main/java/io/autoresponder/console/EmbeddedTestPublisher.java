package io.autoresponder.console;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;

import io.autoresponder.broker.EmbeddedBroker;
import io.autoresponder.broker.routing.Publication;
import io.autoresponder.broker.routing.Router;
import io.autoresponder.broker.routing.Subscriber;

/**
 * Test messages straight into the embedded broker's router, as the broker itself publishes them: no socket, no
 * credentials, no ACL (the console's own login guards the form). The reply is taken by an in-process subscriber
 * on the response topic, removed once the reply came or the wait ended.
 */
final class EmbeddedTestPublisher implements TestPublisher {

    static final String ORIGIN = "autoresponder-console";

    private final EmbeddedBroker broker;

    EmbeddedTestPublisher(EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    public CompletionStage<Optional<TestReply>> publish(TestMessage message, Duration timeout) {
        Router router = broker.router();
        CompletableFuture<TestReply> reply = new CompletableFuture<>();
        long start = System.nanoTime();
        Subscriber waiter = (publication, qos) -> {
            reply.complete(new TestReply(publication.topic(), publication.payload().getBytes(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            return Subscriber.TAKEN;
        };
        router.subscribe(waiter, message.responseTopic(), MqttQoS.AT_LEAST_ONCE);
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(),
                message.responseTopic()));
        properties.add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(),
                message.correlationData()));
        router.publish(new Publication(message.topic(), Buffer.buffer(message.payload()),
                MqttQoS.valueOf(message.qos()), false, properties, ORIGIN));
        return TestPublisher.within(reply, timeout)
                .whenComplete((done, failure) -> router.unsubscribe(waiter, message.responseTopic()));
    }

    @Override
    public String describe() {
        return "embedded broker (in process)";
    }
}
