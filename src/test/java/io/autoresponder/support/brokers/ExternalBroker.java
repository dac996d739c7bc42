package io.autoresponder.support.brokers;

/** A real MQTT broker in its own process on 127.0.0.1, for external-mode tests: {@link Mosquitto} or {@link HiveMq}. */
public interface ExternalBroker extends AutoCloseable {

    /** The TCP port clients connect to. */
    int port();

    /** Stops the broker and deletes its files. */
    @Override
    void close();
}
