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
     * Whether the plain (unencrypted) TCP listener on {@link #port()} runs. Turn it off when clients must use
     * the TLS listener; the responder's in-process connector needs no listener.
     */
    @WithDefault("true")
    boolean plainEnabled();

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
     * Messages waiting for one session beyond its in-flight window, whether its client is connected or away
     * (persistent session). When full, new messages for that session are dropped (the oldest are kept) and
     * counted ({@code autoresponder_broker_messages_dropped_total}; for a client that is away also
     * {@code autoresponder_broker_offline_dropped_total{reason="queue_full"}}).
     */
    @WithDefault("100000")
    int maxQueuedMessages();

    /**
     * Bytes (payload and topic) of the QoS 1/2 messages held for clients, queued or in flight, summed over all
     * sessions: the broker's memory budget for slow and absent clients. A message that does not fit is dropped
     * for that session and counted as {@code max-queued-messages} overflow is; gauges
     * {@code autoresponder_broker_queued_bytes} and, this budget, {@code autoresponder_broker_queued_bytes_max}.
     */
    @WithDefault("134217728")
    long maxQueuedBytes();

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

    /**
     * Sessions kept at most, of connected clients and of clients away (persistent sessions). A CONNECT that
     * needs a new session beyond it is refused (3.1.1: 0x03 server unavailable, 5: 0x97 quota exceeded); a
     * client resuming its session is not.
     */
    @WithDefault("10000")
    int maxSessions();

    /**
     * Longest a session outlives its connection. MQTT 5 clients asking for more (or for "never") get this,
     * announced in CONNACK; MQTT 3.1.1 sessions without clean session, which the 3.1.1 standard keeps until
     * the next clean connect, end after this too, so abandoned client ids do not hold memory forever.
     */
    @WithDefault("24h")
    java.time.Duration maxSessionExpiry();

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
     * name for the connection's lifetime, so this bounds that memory. Outbound aliases: {@link #outboundTopicAliasMaximum()}.
     */
    @WithDefault("10")
    int topicAliasMaximum();

    /**
     * Topic aliases the broker sends one MQTT 5 client at most, so later messages on a topic carry a two-byte alias
     * instead of its name (MQTT 5.0 section 3.3.2.3.4), 0 to 65535; the client's own Topic Alias Maximum (CONNECT)
     * lowers it, and a client that announces none gets none. When all are in use, the least recently used alias
     * moves to the new topic. 0 turns outbound aliases off.
     */
    @WithDefault("64")
    int outboundTopicAliasMaximum();

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

    /** What the broker keeps on disk across restarts. */
    Persistence persistence();

    /**
     * Persistence of the broker's state, under {@code autoresponder.broker.persistence}: retained messages and
     * persistent sessions (subscriptions, queued and in-flight QoS 1/2 messages, inbound QoS 2 identifiers awaiting
     * PUBREL, will delay) are written to a journal in {@link #directory()} and read back at start. Off unless a
     * directory is set. See docs/broker-persistence.md.
     */
    interface Persistence {

        /** The directory of the journal; created when missing. Unset: nothing is kept across restarts. */
        java.util.Optional<java.nio.file.Path> directory();

        /**
         * When the journal is forced to the device. Every change is written to the operating system at once, so a
         * killed process (kill -9, out of memory) loses nothing in every mode; the modes differ on a power cut or
         * kernel crash: {@code never} leaves flushing to the operating system (the last ~30 s may be lost),
         * {@code interval} forces every {@link #fsyncInterval()} (that much may be lost), {@code always} forces
         * before a publisher's PUBACK/PUBREC (nothing acknowledged is lost; each acknowledgement waits for the
         * device, forces shared by the messages that wait together).
         */
        @WithDefault("interval")
        Fsync fsync();

        /** How often the journal is forced in {@code interval} mode. */
        @WithDefault("1s")
        java.time.Duration fsyncInterval();

        /**
         * Bytes of live data the journal may hold (retained and queued messages, sessions). A message that would
         * exceed it is not kept: a retained one is not retained, a queued one is dropped for that session, both
         * counted. The file is compacted when it is twice its live data, so the disk holds at most about three
         * times this during a compaction.
         */
        @WithDefault("1073741824")
        long maxSize();

        /** The journal is not compacted while it is smaller than this, however much of it is dead. */
        @WithDefault("67108864")
        long compactionThreshold();

        /** When the journal is forced to the device; see {@link Persistence#fsync()}. */
        enum Fsync {
            NEVER,
            INTERVAL,
            ALWAYS
        }
    }

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
         * hash with {@code java -cp target/classes io.autoresponder.broker.security.PasswordHash <password>}.
         */
        java.util.Map<String, String> users();

        /** A file of {@code name:hash} lines (same hashes; {@code #} starts a comment), read at start. */
        java.util.Optional<java.nio.file.Path> passwordFile();

        /**
         * Users and their passwords in plain text, {@code autoresponder.broker.auth.plain-passwords.<name>=<password>},
         * hashed when the user first connects (not at start, where each hash would cost a third of a second). For a
         * password a secret store hands over as it is, such as the Helm chart's
         * generated user from a Kubernetes Secret in an environment variable; in files, prefer hashes.
         */
        java.util.Map<String, String> plainPasswords();

        /**
         * Password checks running or waiting at once. Each costs tens of milliseconds of CPU by design, so a flood
         * of CONNECTs with passwords could keep every core busy; beyond this many, a CONNECT is refused at once
         * as server busy (MQTT 5: 0x89, 3.1.1: 0x03 server unavailable) and the client tries again later.
         */
        @WithDefault("64")
        int maxPendingChecks();
    }

    /** What clients may publish and subscribe to. */
    Acl acl();

    /**
     * Authorization of MQTT clients, under {@code autoresponder.broker.acl}. Lines in the format of Mosquitto's
     * {@code acl_file}: {@code topic [read|write|readwrite|deny] <filter>} (anonymous clients until the first
     * {@code user <name>} line, then that user's), {@code pattern [access] <filter>} for every client with
     * {@code %c} (client id) and {@code %u} (user name). With neither key set every client may do everything; with
     * any rule, what no rule grants is denied, and a matching deny wins over every grant.
     */
    interface Acl {

        /** A file of ACL lines, read at start (a Mosquitto {@code acl_file} works as it is). */
        java.util.Optional<java.nio.file.Path> file();

        /**
         * ACL lines in configuration, one per list element, read after the file, e.g.
         * {@code autoresponder.broker.acl.rules[0]=pattern readwrite devices/%c/#}. A comma separates list
         * elements in a single value, so a filter containing a comma needs the indexed form or {@code \,}.
         */
        java.util.Optional<java.util.List<String>> rules();
    }

    /** MQTT over TLS. */
    Tls tls();

    /**
     * The TLS listener, under {@code autoresponder.broker.tls}. Its key and trust stores come from the Quarkus TLS
     * registry ({@code quarkus.tls.<name>.key-store.pem.0.cert/key} or {@code .p12.path/password},
     * {@code quarkus.tls.<name>.trust-store.pem.certs} for client certificates), so PEM and PKCS12 both work.
     */
    interface Tls {

        /** Whether the TLS listener runs. */
        @WithDefault("false")
        boolean enabled();

        /** Its port (8883 is the IANA port for MQTT over TLS). */
        @WithDefault("8883")
        int port();

        /**
         * Name of the TLS configuration in the Quarkus TLS registry ({@code quarkus.tls.<name>.*}); unset: the
         * default one ({@code quarkus.tls.*}). It must have a key store.
         */
        java.util.Optional<String> configurationName();

        /**
         * Client certificates: {@code none} (not asked for), {@code request} (checked against the trust store when
         * sent) or {@code required} (a client without a certificate the trust store trusts fails the handshake).
         * {@code request} and {@code required} need a trust store in the TLS configuration.
         */
        @WithDefault("none")
        io.vertx.core.http.ClientAuth clientAuth();
    }

    /** MQTT over WebSocket, for browser clients. */
    WebSocket websocket();

    /**
     * The MQTT over WebSocket listener, under {@code autoresponder.broker.websocket}: path {@code /mqtt},
     * subprotocol {@code mqtt} (also {@code mqttv3.1}, {@code mqttv3.1.1}), on its own port, off by default.
     * The path is fixed by the Vert.x MQTT server; a request for another path is not upgraded (no answer, closed
     * after {@code connect-timeout-seconds}).
     */
    interface WebSocket {

        /** Whether the WebSocket listener runs. */
        @WithDefault("false")
        boolean enabled();

        /** Its port (separate from the HTTP port of health and metrics). */
        @WithDefault("8083")
        int port();

        /** Whether it speaks TLS ({@code wss://}), with the TLS configuration of {@code autoresponder.broker.tls}. */
        @WithDefault("false")
        boolean tls();
    }
}
