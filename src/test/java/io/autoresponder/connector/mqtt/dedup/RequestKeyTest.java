package io.autoresponder.connector.mqtt.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.autoresponder.api.MqttIncomingMetadata;
import io.autoresponder.responder.RequestFields;

/** Which requests can be recognised again, and which count as the same request. */
class RequestKeyTest {

    @ParameterizedTest(name = "{0} vs {1}: same={2}")
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"r\",\"seq\":1}                     | {\"seq\":1,\"id\":\"r\",\"talk\":\"x\"}   | true",
            "{\"id\":\"r\",\"seq\":1}                     | {\"id\":\"r\",\"seq\":2}                    | false",
            "{\"id\":\"r\",\"seq\":1}                     | {\"id\":\"r\",\"seq\":\"1\"}                | false",
            "{\"id\":\"r1\",\"seq\":1}                    | {\"id\":\"r\",\"seq\":11}                   | false",
            "{\"replyTo\":\"a\",\"correlationId\":5}      | {\"replyTo\":\"a\",\"correlationId\":5}     | true",
            "{\"replyTo\":\"a\",\"correlationId\":5}      | {\"replyTo\":\"b\",\"correlationId\":5}     | false",
            "{\"replyTo\":\"a\",\"correlationId\":5,\"id\":1,\"seq\":1} | {\"replyTo\":\"a\",\"correlationId\":6,\"id\":1,\"seq\":1} | false",
    })
    void jsonKeys(String first, String second, boolean same) {
        assertThat(key(first).equals(key(second))).isEqualTo(same);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"talk\":\"t\",\"name\":\"n\"}",
            "{\"id\":\"r\"}",
            "{\"seq\":1}",
            "{\"replyTo\":\"a\"}",
            "{\"correlationId\":1}",
            "{\"id\":null,\"seq\":1}",
            "not json",
            "[1,2]",
    })
    void requestsWithoutAKey_areNeverDuplicates(String payload) {
        assertThat(RequestKey.of(plain(), RequestFields.read(payload.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"{\"id\":\"r\",\"seq\":1}", "{\"replyTo\":\"a\",\"correlationId\":\"\\u00e9\"}"})
    void encoded_decodesToTheSameKey(String payload) {
        RequestKey key = key(payload);

        assertThat(RequestKey.decode(key.encoded())).isEqualTo(key);
        assertThat(key.encoded()).doesNotContain(" ", "\n");
    }

    // Keys outlive the process in the answered journal: a value's bytes must stay exactly what Jackson writes for it.
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"plain\"", "\"\"", "\"quote \\\" and \\\\ back\"",
            "\"\\n\\t\\u0000\\u001f\\u007f\"", "\"é ü 漢\"", "\"\\ud83d\\ude00\"", "\"\\u2028 / </\"", "0", "-7",
            "9223372036854775807", "1099511627776", "123456789012345678901234567890", "1.5", "true", "null",
            "{\"a\":[1,\"b\"]}"})
    void jsonValuesKeepTheTextJacksonWritesForThem(String json) throws Exception {
        com.fasterxml.jackson.databind.JsonNode value = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);

        assertThat(new String(RequestKey.json(value), StandardCharsets.UTF_8)).isEqualTo(value.toString());
    }

    @org.junit.jupiter.api.Test
    void equalKeysHaveEqualHashes() {
        RequestKey key = key("{\"id\":\"r\",\"seq\":1}");
        RequestKey again = RequestKey.decode(key.encoded());

        assertThat(again).isEqualTo(key).hasSameHashCodeAs(key).isNotSameAs(key);
        assertThat(key).isNotEqualTo(key("{\"id\":\"r\",\"seq\":2}"));
    }

    private static RequestKey key(String payload) {
        return RequestKey.of(plain(), RequestFields.read(payload.getBytes(StandardCharsets.UTF_8))).orElseThrow();
    }

    private static MqttIncomingMetadata plain() {
        return new MqttIncomingMetadata("test", 1, false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                List.<Map.Entry<String, String>>of(), Optional.empty());
    }
}
