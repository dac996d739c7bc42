package io.autoresponder.connector.embedded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.api.MqttOutgoingMetadata;

/** Handlers that exercise the in-process connector; present only under {@link InProcessChannelsProfile}. */
@ApplicationScoped
@IfBuildProperty(name = "autoresponder.test.in-process-handlers", stringValue = "true")
public class InProcessTestHandlers {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> memberA = new CopyOnWriteArrayList<>();
    private final List<String> memberB = new CopyOnWriteArrayList<>();
    private final AtomicInteger slowStarted = new AtomicInteger();
    private final AtomicInteger slowDone = new AtomicInteger();
    private final CountDownLatch slowGate = new CountDownLatch(1);

    /** Describes what it saw of the request, replying to a topic chosen per message from the request's topic. */
    @Incoming("wild")
    @Outgoing("wild-replies")
    @NonBlocking
    public Message<String> describe(Message<byte[]> request) {
        MqttIncomingMetadata seen = request.getMetadata(MqttIncomingMetadata.class).orElseThrow();
        ObjectNode json = MAPPER.createObjectNode()
                .put("payload", new String(request.getPayload(), java.nio.charset.StandardCharsets.UTF_8))
                .put("topic", seen.topic()).put("qos", seen.qos()).put("retain", seen.retain())
                .put("responseTopic", seen.responseTopic().orElse(null))
                .put("correlation", seen.correlationData().map(String::new).orElse(null))
                .put("publisher", seen.publisherId().orElse(null));
        String device = seen.topic().split("/")[1];
        return request.withPayload(json.toString()).addMetadata(MqttOutgoingMetadata.builder()
                .topic("inproc/replies/" + device).qos(2).userProperty("handled-by", "describe").build());
    }

    @Incoming("share-a")
    @NonBlocking
    public void memberA(byte[] payload) {
        memberA.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Incoming("share-b")
    @NonBlocking
    public void memberB(byte[] payload) {
        memberB.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Blocks every message until {@link #openSlowGate()}: a handler that has fallen behind. */
    @Incoming("slow")
    @Blocking
    public void slow(byte[] payload) throws InterruptedException {
        slowStarted.incrementAndGet();
        if (!slowGate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate never opened");
        }
        slowDone.incrementAndGet();
    }

    public List<String> memberA() {
        return memberA;
    }

    public List<String> memberB() {
        return memberB;
    }

    public int slowStarted() {
        return slowStarted.get();
    }

    public int slowDone() {
        return slowDone.get();
    }

    public void openSlowGate() {
        slowGate.countDown();
    }
}
