package io.autoresponder.app;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.quarkus.arc.properties.UnlessBuildProperty;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The built-in responder: every chat request on channel {@code test} is answered on channel {@code other}.
 * Topics are configured with {@code mp.messaging.incoming.test.topic} and {@code mp.messaging.outgoing.other.topic}.
 */
@ApplicationScoped
@UnlessBuildProperty(name = BuiltInResponderChannels.ENABLED_KEY, stringValue = "false", enableIfMissing = true)
public class AutoReplyHandler {

    private final Clock clock;

    AutoReplyHandler() {
        this(Clock.systemUTC());
    }

    AutoReplyHandler(Clock clock) {
        this.clock = clock;
    }

    // Pure computation: runs on the event loop instead of the worker pool Quarkus would pick by default.
    @Incoming("test")
    @Outgoing("other")
    @NonBlocking
    public ChatReply respond(ChatRequest request) {
        return new ChatReply("Hello " + request.name() + ", you said: " + request.talk(), request.name(),
                request.talk(), clock.instant().toString(), request.seq(), request.id());
    }
}
