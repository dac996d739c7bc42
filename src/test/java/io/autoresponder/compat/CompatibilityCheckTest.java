package io.autoresponder.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;

/**
 * Each access to a dependency's internals works with the versions this build pins, and fails with the
 * dependency's name and version when the internal is gone.
 */
class CompatibilityCheckTest {

    @Test
    void vertxMqttEndpointSocketIsReachable() {
        assertThatNoException().isThrownBy(PubRecWithReason::check);
    }

    @Test
    void stockConnectorClientRegistryIsReachable() {
        assertThatNoException().isThrownBy(StockClientRegistry::check);
        assertThat(StockClientRegistry.sessions()).isNotNull();
    }

    @Test
    void vertxEventLoopsAreListed() {
        Vertx vertx = Vertx.vertx();
        try {
            assertThatNoException().isThrownBy(() -> VertxEventLoops.check(vertx));
            assertThat(VertxEventLoops.of(vertx)).isNotEmpty().allSatisfy(loop -> assertThat(loop)
                    .isInstanceOf(EventExecutor.class));
        } finally {
            vertx.close();
        }
    }

    @Test
    void aMovedFieldStopsTheCheckNamingTheDependencyAndItsVersion() {
        String version = PubRecWithReason.VERTX_MQTT.version();
        assertThat(version).as("version from the jar's metadata").matches("\\d+\\.\\d+\\.\\d+.*")
                .isEqualTo(MqttEndpoint.class.getPackage().getImplementationVersion());

        InternalField moved = InternalField.of(PubRecWithReason.VERTX_MQTT, "io.vertx.mqtt.impl.MqttEndpointImpl",
                "connection", Object.class, "send PUBREC reason codes");

        assertThat(moved.present()).isFalse();
        assertThatThrownBy(moved::check).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Vert.x MQTT " + version + " (io.vertx:vertx-mqtt)")
                .hasMessageContaining("io.vertx.mqtt.impl.MqttEndpointImpl.connection field not found")
                .hasMessageContaining("needed to send PUBREC reason codes");
    }

    @Test
    void aFieldOfAnotherTypeCountsAsMoved() {
        InternalField retyped = InternalField.of(StockClientRegistry.STOCK_CONNECTOR,
                "io.smallrye.reactive.messaging.mqtt.Clients", "clients", String.class, "list the sessions");

        assertThatThrownBy(retyped::check).hasMessageContaining("SmallRye Reactive Messaging MQTT")
                .hasMessageContaining("has type " + Map.class.getName() + ", not java.lang.String");
    }

    @Test
    void aVertxWithoutItsInternalViewStopsTheCheck() {
        Vertx notInternal = (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] { Vertx.class },
                (proxy, method, args) -> null);

        assertThatThrownBy(() -> VertxEventLoops.check(notInternal)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Vert.x core " + VertxEventLoops.VERTX_CORE.version())
                .hasMessageContaining("io.vertx.core.impl.VertxInternal");
    }
}
