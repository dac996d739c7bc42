package io.autoresponder.responder;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the responder's payload handling, under {@code autoresponder.responder}. */
@ConfigMapping(prefix = "autoresponder.responder")
public interface ResponderConfig {

    /**
     * Connector of the responder channels ({@code test}, {@code other}, {@code dead-letter}):
     * {@code autoresponder-embedded} attaches them in-process to the embedded broker; {@code smallrye-mqtt}
     * connects over TCP to {@code mp.messaging.connector.smallrye-mqtt.host/port} (use it for an external broker).
     */
    @WithDefault("autoresponder-embedded")
    String connector();

    /** Largest request payload parsed, in bytes; larger ones go to the dead-letter topic. */
    @WithDefault("65536")
    int maxPayloadBytes();

    /** How much of a rejected payload is copied into its dead letter, in bytes. */
    @WithDefault("4096")
    int deadLetterCopyBytes();

    /** At most one WARN line per this interval about rejected payloads; the rest are counted in the next line. */
    @WithDefault("10s")
    Duration rejectionLogInterval();
}
