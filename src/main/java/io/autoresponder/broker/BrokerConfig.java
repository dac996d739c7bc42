package io.autoresponder.broker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of the in-process MQTT broker, under {@code autoresponder.broker}.
 * Every limit the broker enforces is one of these keys.
 */
@ConfigMapping(prefix = "autoresponder.broker")
public interface BrokerConfig {

    /** Whether the in-process broker runs. Turn it off to use an external broker (connector configuration only). */
    @WithDefault("true")
    boolean enabled();

    /** Address the MQTT listener binds to. */
    @WithDefault("0.0.0.0")
    String host();

    /** TCP port of the MQTT listener (1883 is the IANA port for MQTT without TLS). */
    @WithDefault("1883")
    int port();

    /**
     * Largest MQTT packet accepted, in bytes (remaining length). Larger packets close the connection.
     * The Vert.x default (8092 bytes) is far too small for real payloads.
     */
    @WithDefault("262144")
    int maxMessageSize();

    /** QoS 1/2 messages sent to one client and not yet acknowledged; further messages wait in its queue. */
    @WithDefault("1000")
    int maxInflightMessages();

    /**
     * Messages waiting for one client beyond its in-flight window. When full, new messages for that client
     * are dropped and counted ({@code autoresponder_broker_messages_dropped_total}).
     */
    @WithDefault("100000")
    int maxQueuedMessages();

    /**
     * QoS 1/2 messages an MQTT 5 client may publish before it must wait for acknowledgements (CONNACK receive
     * maximum, MQTT 5.0 section 3.2.2.3.3). Acknowledgements wait for in-process consumers, so this is how a
     * slow handler slows its publishers down.
     */
    @WithDefault("1000")
    int receiveMaximum();

    /** Retained messages kept (one per topic). When full, retained messages on new topics are not stored. */
    @WithDefault("100000")
    int maxRetainedMessages();

    /**
     * How often the broker publishes its statistics as retained messages under {@code $SYS/broker/}
     * (uptime, connected clients, messages received/sent, subscriptions, retained messages); 0 turns it off.
     */
    @WithDefault("10s")
    java.time.Duration sysInterval();

    /** Connected clients at most; a CONNECT beyond is refused (3.1.1: 0x03 server unavailable, 5: 0x97 quota exceeded). */
    @WithDefault("10000")
    int maxConnections();

    /** Topic filters one client may subscribe to; more get SUBACK failure (5: 0x97 quota exceeded). */
    @WithDefault("1000")
    int maxSubscriptionsPerClient();

    /** Levels a topic name or filter may have; deeper ones are refused as invalid. */
    @WithDefault("64")
    int maxTopicLevels();

    /**
     * Bytes (UTF-8) a topic name or filter may have; longer ones are refused as invalid (PUBLISH: the connection
     * is closed, MQTT 5 with DISCONNECT 0x90; SUBSCRIBE: SUBACK failure 0x8F). 65535 is the protocol's own limit.
     */
    @WithDefault("65535")
    int maxTopicLength();

    /**
     * Topic aliases an MQTT 5 client may set up for its PUBLISH packets on one connection (CONNACK Topic Alias
     * Maximum, MQTT 5.0 section 3.3.2.3.4), 0 to 65535; 0 turns inbound aliases off. Each alias keeps one topic
     * name for the connection's lifetime, so this bounds that memory. The broker sends no aliases itself.
     */
    @WithDefault("10")
    int topicAliasMaximum();

    /**
     * Longest keep-alive a client may use, seconds (Mosquitto's {@code max_keepalive}), 0 to 65535; 0 means no
     * maximum: every client's own value is honoured, and a client with keep-alive 0 is never timed out. When set,
     * an MQTT 5 client asking for more (or for 0) is told this value in CONNACK (Server Keep Alive) and held to
     * 1.5 times it; an MQTT 3.1.1 client cannot be told, so it is refused with CONNACK 0x02, as Mosquitto does.
     */
    @WithDefault("0")
    int maxKeepAlive();

    /** Seconds a new connection may take to send CONNECT before it is closed. */
    @WithDefault("10")
    int connectTimeoutSeconds();

    /** Who may connect. */
    Auth auth();

    /** Authentication of MQTT clients, under {@code autoresponder.broker.auth}. */
    interface Auth {

        /**
         * Whether clients without a user name may connect. On by default for local use (with a WARN at start);
         * turn it off and add users for anything reachable from a network.
         */
        @WithDefault("true")
        boolean anonymous();

        /**
         * Users and their password hashes, {@code autoresponder.broker.auth.users.<name>=pbkdf2-sha256$...}; make a
         * hash with {@code java -cp target/classes io.autoresponder.broker.PasswordHash <password>}.
         */
        java.util.Map<String, String> users();

        /** A file of {@code name:hash} lines (same hashes; {@code #} starts a comment), read at start. */
        java.util.Optional<java.nio.file.Path> passwordFile();
    }
}
