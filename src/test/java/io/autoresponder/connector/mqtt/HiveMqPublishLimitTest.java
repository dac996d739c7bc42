package io.autoresponder.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.reactivex.Flowable;
import io.reactivex.processors.PublishProcessor;

/**
 * {@link PublishWindow#SIZE} rests on how two of our dependencies behave; a new version that changes either must
 * be looked at before it ships (see {@link PublishWindow} for the arithmetic).
 */
class HiveMqPublishLimitTest {

    @Test
    void theHiveMqClientStillTakesAtMost64ConcurrentPublishSources() throws Exception {
        Class<?> handler = Class.forName("com.hivemq.client.internal.mqtt.handler.publish.outgoing.MqttOutgoingQosHandler");
        Field limit = handler.getDeclaredField("MAX_CONCURRENT_PUBLISH_FLOWABLES");
        limit.setAccessible(true);

        assertThat(limit.getInt(null)).isEqualTo(64);
        assertThat(PublishWindow.SIZE).isLessThanOrEqualTo(64 / 2);
    }

    // The client's flatMap (maxConcurrency 64) renews demand for single-item sources in batches of half that limit:
    // until the 32nd is through, up to 31 completed ones still count against the 64.
    @Test
    void rxJavaRenewsDemandForSingleItemSourcesInBatchesOfHalfTheLimit() {
        AtomicLong requested = new AtomicLong();
        PublishProcessor<Flowable<Integer>> sources = PublishProcessor.create();
        sources.doOnRequest(requested::addAndGet).flatMap(source -> source, true, 64, 20).subscribe(item -> {
        });
        assertThat(requested).hasValue(64);

        for (int i = 0; i < 31; i++) {
            sources.onNext(Flowable.just(i));
        }
        assertThat(requested).as("after 31 sources").hasValue(64);

        sources.onNext(Flowable.just(31));
        assertThat(requested).as("after 32 sources").hasValue(96);
    }
}
