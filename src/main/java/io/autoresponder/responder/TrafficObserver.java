package io.autoresponder.responder;

/**
 * Sees the responder's traffic as it happens: each request an incoming channel delivers, and each reply and dead
 * letter an outgoing connector accepted. For live views such as the console. Called on the responder's threads:
 * an observer copies what it needs and returns at once, never blocking and never throwing.
 */
public interface TrafficObserver {

    /** What a message is to the responder. */
    enum Kind {
        REQUEST, REPLY, DEAD_LETTER
    }

    /** Whether this observer wants traffic; asked once at start, so one that does not costs nothing per message. */
    boolean active();

    /**
     * One message.
     *
     * @param kind    request, reply or dead letter
     * @param channel the Reactive Messaging channel it went through
     * @param topic   the MQTT topic it came from or went to
     * @param payload its payload as the channel carried it: bytes, text, or an object a handler returned
     */
    void observe(Kind kind, String channel, String topic, Object payload);
}
