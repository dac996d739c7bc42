package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys that end up in two-byte MQTT fields stop the start with their name when out of range. */
class ProtocolRangesTest {

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "topicAliasMaximum, -1, topic-alias-maximum",
            "topicAliasMaximum, 65536, topic-alias-maximum",
            "outboundTopicAliasMaximum, -1, outbound-topic-alias-maximum",
            "outboundTopicAliasMaximum, 65536, outbound-topic-alias-maximum",
            "maxKeepAlive, 65536, max-keep-alive",
            "maxKeepAlive, -5, max-keep-alive",
            "maxTopicLength, 0, max-topic-length",
            "maxTopicLength, 70000, max-topic-length",
    })
    void outOfRange(String method, int value, String key) {
        BrokerConfig config = config(Map.of(method, value));

        assertThatThrownBy(() -> ProtocolRanges.check(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("autoresponder.broker." + key).hasMessageContaining(Integer.toString(value));
    }

    @ParameterizedTest(name = "{0}={1} is accepted")
    @CsvSource({ "topicAliasMaximum, 0", "topicAliasMaximum, 65535", "outboundTopicAliasMaximum, 0",
            "outboundTopicAliasMaximum, 65535", "maxKeepAlive, 0", "maxTopicLength, 1" })
    void inRange(String method, int value) {
        assertThatCode(() -> ProtocolRanges.check(config(Map.of(method, value)))).doesNotThrowAnyException();
    }

    /** The defaults, with {@code overrides} by method name. */
    private static BrokerConfig config(Map<String, Integer> overrides) {
        Map<String, Integer> defaults = Map.of("topicAliasMaximum", 10, "outboundTopicAliasMaximum", 64, "maxKeepAlive", 0,
                "maxTopicLength", 65535);
        return (BrokerConfig) Proxy.newProxyInstance(BrokerConfig.class.getClassLoader(),
                new Class<?>[] { BrokerConfig.class },
                (proxy, method, args) -> overrides.getOrDefault(method.getName(), defaults.get(method.getName())));
    }
}
