package io.autoresponder.support.brokers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * External mode against a real {@link Mosquitto} reached through a {@link TcpProxy}, so a test can break the
 * responder's connection the way a network does. Test fields annotated {@link Proxied} receive the proxy or
 * the broker (requesters connect to the broker directly).
 */
public class ProxiedMosquittoBroker implements QuarkusTestResourceLifecycleManager {

    /** Marks a test field of type {@link TcpProxy} or {@link Mosquitto}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Proxied {
    }

    private Mosquitto mosquitto;
    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        mosquitto = Mosquitto.start();
        proxy = TcpProxy.to(mosquitto.port());
        return new HashMap<>(MosquittoBroker.externalMode(proxy.port()));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(Proxied.class, TcpProxy.class));
        injector.injectIntoFields(mosquitto, new TestInjector.AnnotatedAndMatchesType(Proxied.class, Mosquitto.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }
}
