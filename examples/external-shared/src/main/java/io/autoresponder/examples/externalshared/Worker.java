package io.autoresponder.examples.externalshared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.smallrye.common.annotation.NonBlocking;

/**
 * An ordinary handler: a {@link Job} in, its {@link Result} out, naming the instance that did it. Nothing here
 * knows about the broker or the other instances; {@code application.properties} subscribes {@code jobs} to the
 * shared subscription {@code $share/workers/jobs}, so each job reaches one instance of the group. MQTT 5
 * requesters get the result on their response topic with their correlation data (the responder does that for
 * any handler); others on {@code results}. A job whose square does not fit a {@code long} fails: the responder
 * sends it to the dead-letter topic ({@code other/errors}) with the reason.
 */
@ApplicationScoped
public class Worker {

    private final String instance;

    public Worker(@ConfigProperty(name = "example.instance") Optional<String> instance) {
        this.instance = instance.filter(name -> !name.isBlank()).orElseGet(Worker::hostName);
    }

    @Incoming("jobs")
    @Outgoing("results")
    @NonBlocking
    public Result work(Job job) {
        return new Result(job.id(), job.n(), Math.multiplyExact(job.n(), job.n()), instance);
    }

    /** The name results carry. */
    String instance() {
        return instance;
    }

    /** The host name: the pod name in Kubernetes, so replicas tell themselves apart without configuration. */
    static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
