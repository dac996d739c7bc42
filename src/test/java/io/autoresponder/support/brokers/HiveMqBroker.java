package io.autoresponder.support.brokers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the service in external mode against a real {@link HiveMq} (HiveMQ Community Edition with its defaults) for
 * a Quarkus test: starts the broker before the application, configures the application with the keys an operator
 * sets ({@link MosquittoBroker#externalMode}), and stops the broker after. A test gets the broker, e.g. to restart
 * it, through a field annotated {@link Broker}.
 */
public class HiveMqBroker implements QuarkusTestResourceLifecycleManager {

    /** Marks a test field of type {@link HiveMq} that receives the running broker. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Broker {
    }

    private HiveMq hiveMq;

    @Override
    public Map<String, String> start() {
        hiveMq = HiveMq.start();
        return MosquittoBroker.externalMode(hiveMq.port());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(hiveMq, new TestInjector.AnnotatedAndMatchesType(Broker.class, HiveMq.class));
    }

    @Override
    public void stop() {
        if (hiveMq != null) {
            hiveMq.close();
        }
    }
}
