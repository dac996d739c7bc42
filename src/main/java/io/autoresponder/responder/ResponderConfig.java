package io.autoresponder.responder;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the responder's payload handling, under {@code autoresponder.responder}. */
@ConfigMapping(prefix = "autoresponder.responder")
public interface ResponderConfig {

    /**
     * Connector of the responder channels ({@code test}, {@code other}, {@code dead-letter}):
     * {@code autoresponder-embedded} attaches them in-process to the embedded broker; {@code autoresponder-mqtt},
     * our MQTT 5 connector, connects over TCP to {@code mp.messaging.connector.autoresponder-mqtt.host/port}
     * ({@link io.autoresponder.connector.mqtt.MqttConnector}; use it for an external broker); {@code smallrye-mqtt}, the
     * stock SmallRye connector (MQTT 3.1.1), to {@code mp.messaging.connector.smallrye-mqtt.host/port}.
     * Defaults to {@code autoresponder-mqtt} when {@code autoresponder.broker.enabled=false}
     * ({@link io.autoresponder.connector.ResponderConnectorDefault}).
     */
    @WithDefault("autoresponder-embedded")
    String connector();

    /**
     * When the stock connector ({@code smallrye-mqtt}) acknowledges a QoS 1 request to the broker (PUBACK);
     * {@code autoresponder-mqtt} always acknowledges after the reply.
     */
    @WithDefault("after-reply")
    Acknowledgement ack();

    /**
     * Reconnection of the stock connector ({@code smallrye-mqtt}) after it lost the broker; {@code autoresponder-mqtt}
     * has its own {@code reconnect-initial-delay} and {@code reconnect-max-delay} attributes.
     */
    Reconnect reconnect();

    /** Largest request payload parsed, in bytes; larger ones go to the dead-letter topic. */
    @WithDefault("65536")
    int maxPayloadBytes();

    /**
     * Whether each request is handled on a duplicated Vert.x context of its own with its topic, correlation data and
     * client id in the logging MDC (for our connectors). Off saves about 1.5 µs of CPU per request in-process;
     * traces, when on, still get their own context.
     */
    @WithDefault("true")
    boolean logContext();

    /** How much of a rejected payload is copied into its dead letter, in bytes. */
    @WithDefault("4096")
    int deadLetterCopyBytes();

    /** At most one WARN line per this interval about rejected payloads; the rest are counted in the next line. */
    @WithDefault("10s")
    Duration rejectionLogInterval();

    /** When a QoS 1 request is acknowledged to the broker. */
    enum Acknowledgement {
        /**
         * After its reply (or dead letter) was handed to the connection, or its handling failed: a request the
         * process had not finished when it died is delivered again (to a persistent session), so nothing accepted
         * is lost; a request may be answered twice after a crash.
         */
        AFTER_REPLY,
        /**
         * When it arrives, before the handler runs (the stock connector's behaviour): requests the process holds
         * when it dies are lost.
         */
        ON_RECEIPT
    }

    /**
     * Capped exponential backoff between reconnection attempts: {@code initial-delay}, then
     * {@code initial-delay} × (1 + 2<sup>n-1</sup>) before attempt n, never more than {@code max-delay}
     * (1 s, 2 s, 3 s, 5 s, 9 s, 17 s, 30 s, 30 s, ... by default). An explicit
     * {@code mp.messaging.connector.smallrye-mqtt.reconnect-interval-seconds} replaces it with a constant delay.
     */
    interface Reconnect {

        /** Delay before the first reconnection attempt, and the unit the backoff grows by. */
        @WithDefault("1s")
        Duration initialDelay();

        /** Longest delay between two attempts. */
        @WithDefault("30s")
        Duration maxDelay();
    }
}
