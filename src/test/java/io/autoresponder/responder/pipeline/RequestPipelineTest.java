package io.autoresponder.responder.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.PublisherDecorator;

import io.autoresponder.connector.stock.AckAfterReply;
import io.autoresponder.connector.stock.EarlySubscription;

/** The decorators of incoming channels run in the order {@link RequestPipeline} declares, and only those. */
@QuarkusTest
class RequestPipelineTest {

    @Inject
    @Any
    Instance<PublisherDecorator> decorators;

    @Test
    void stagesAreDeclaredInTheOrderTheyRun() {
        List<Integer> priorities = Arrays.stream(RequestPipeline.values()).map(RequestPipeline::priority).toList();

        assertThat(priorities).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void everyDecoratorOfOursIsAStageInItsPlace() {
        List<Class<?>> ours = decorators.stream()
                .filter(decorator -> ClientProxy.unwrap(decorator).getClass().getName().startsWith("io.autoresponder."))
                .sorted(Comparator.comparingInt(PublisherDecorator::getPriority))
                .<Class<?>>map(decorator -> ClientProxy.unwrap(decorator).getClass())
                .toList();

        assertThat(ours).containsExactly(EarlySubscription.class, AckAfterReply.class, RequestIntake.class,
                IncomingChannelObserver.class, FailedRequests.class, ReplyToConvention.class);
        assertThat(RequestPipeline.values()).hasSameSizeAs(ours);
    }
}
