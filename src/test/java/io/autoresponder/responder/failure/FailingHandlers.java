package io.autoresponder.responder.failure;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

import io.autoresponder.api.MqttOutgoingMetadata;

/**
 * Handlers of every shape that fail on request {@code {"item":"boom"}} and answer any other; present only under
 * {@link FailingHandlersProfile}.
 */
@ApplicationScoped
@IfBuildProperty(name = "autoresponder.test.failing-handlers", stringValue = "true")
public class FailingHandlers {

    public record Order(String item) {
    }

    public record Confirmation(String item, String by) {
    }

    @Incoming("fail-sync")
    @Outgoing("fail-replies")
    @NonBlocking
    public Confirmation sync(Order order) {
        return new Confirmation(check(order).item(), "sync");
    }

    @Incoming("fail-uni")
    @Outgoing("fail-replies")
    public Uni<Confirmation> uni(Order order) {
        return Uni.createFrom().item(order).onItem().delayIt().by(Duration.ofMillis(5))
                .map(delayed -> new Confirmation(check(delayed).item(), "uni"));
    }

    @Incoming("fail-blocking")
    @Outgoing("fail-replies")
    @Blocking
    public Confirmation blocking(Order order) {
        return new Confirmation(check(order).item(), "blocking");
    }

    /** Answers on a topic no broker can publish to when asked to: the reply is refused, not the handler. */
    @Incoming("fail-reply")
    @Outgoing("fail-replies")
    @NonBlocking
    public Message<Confirmation> unsendable(Message<Order> request) {
        Message<Confirmation> reply = request.withPayload(new Confirmation(request.getPayload().item(), "reply"));
        return "boom".equals(request.getPayload().item())
                ? reply.addMetadata(MqttOutgoingMetadata.builder().topic("not/a/#/topic").build())
                : reply;
    }

    private static Order check(Order order) {
        if ("boom".equals(order.item())) {
            throw new IllegalStateException("no stock for item " + order.item());
        }
        return order;
    }
}
