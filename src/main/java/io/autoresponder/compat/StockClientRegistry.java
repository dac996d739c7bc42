package io.autoresponder.compat;

import java.util.Collection;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.reactive.messaging.mqtt.Clients;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSession;

/**
 * The client sessions of the stock SmallRye MQTT connector, from its private registry ({@code Clients.clients}):
 * the connector offers no way to leave subscriptions or disconnect while Vert.x still runs, which a graceful
 * shutdown needs.
 */
// Native image: the field is read reflectively.
@RegisterForReflection(targets = Clients.class, fields = true, methods = false)
public final class StockClientRegistry {

    static final Dependency STOCK_CONNECTOR = new Dependency("SmallRye Reactive Messaging MQTT",
            "io.smallrye.reactive", "smallrye-reactive-messaging-mqtt", Clients.class);
    private static final InternalField CLIENTS = InternalField.of(STOCK_CONNECTOR, Clients.class.getName(), "clients",
            Map.class, "unsubscribe and disconnect the stock connector's clients on a graceful shutdown");

    private StockClientRegistry() {
    }

    /** Throws {@link IllegalStateException} naming the connector and its version when its internals moved. */
    static void check() {
        CLIENTS.check();
    }

    /** Every client session the stock connector holds now. */
    @SuppressWarnings("unchecked")
    public static Collection<MqttClientSession> sessions() {
        return ((Map<String, Clients.ClientHolder>) CLIENTS.get(null)).values().stream()
                .map(Clients.ClientHolder::getClient).toList();
    }
}
