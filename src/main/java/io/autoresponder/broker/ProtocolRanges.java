package io.autoresponder.broker;

/**
 * Checks the broker keys whose values travel in two-byte MQTT fields (or bound one), so that a wrong value stops
 * the start with the key's name instead of being cut to 16 bits on the wire.
 */
final class ProtocolRanges {

    private static final int TWO_BYTES = 65_535;

    private ProtocolRanges() {
    }

    /** Throws {@link IllegalArgumentException} naming the first key out of its range. */
    static void check(BrokerConfig config) {
        require("topic-alias-maximum", config.topicAliasMaximum(), 0, TWO_BYTES);
        require("outbound-topic-alias-maximum", config.outboundTopicAliasMaximum(), 0, TWO_BYTES);
        require("max-keep-alive", config.maxKeepAlive(), 0, TWO_BYTES);
        require("max-topic-length", config.maxTopicLength(), 1, TWO_BYTES);
    }

    private static void require(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "autoresponder.broker." + key + " must be " + min + ".." + max + ", not " + value);
        }
    }
}
