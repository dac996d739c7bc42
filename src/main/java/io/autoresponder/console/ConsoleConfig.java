package io.autoresponder.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The live console, under {@code autoresponder.console}. */
@ConfigMapping(prefix = "autoresponder.console")
public interface ConsoleConfig {

    /** Whether the console is served. Off by default; on in dev mode. */
    @WithDefault("false")
    boolean enabled();

    /** Where the console is served; its data lives under {@code <path>/api}. */
    @WithDefault("/console")
    String path();

    /**
     * Whether the console asks for a login (HTTP Basic, Quarkus security) and the {@link #role()}. Off in dev
     * mode only.
     */
    @WithDefault("true")
    boolean loginRequired();

    /** The role a user needs to see the console. */
    @WithDefault("autoresponder-console")
    String role();

    /** How many recent messages the console keeps and shows a browser that opens it. */
    @WithDefault("200")
    int recentMessages();

    /** Longest payload shown, in characters; longer ones are cut and marked. */
    @WithDefault("512")
    int payloadChars();

    /**
     * Messages waiting for one browser; when a slow browser has this many, newer ones are dropped for it and
     * counted, and the responder never waits.
     */
    @WithDefault("256")
    int browserQueue();

    /** Browsers streaming at once; more are refused with 503. */
    @WithDefault("16")
    int maxBrowsers();

    /** Distinct topics counted one by one; traffic on more is counted together. */
    @WithDefault("500")
    int maxTopics();

    /** Longest wait for the reply to a test message from the console's form. */
    @WithDefault("5s")
    Duration replyTimeout();
}
