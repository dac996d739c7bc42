package io.autoresponder.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.autoresponder.support.brokers.FreeBrokerPort;
import io.autoresponder.support.brokers.Mosquitto;
import io.autoresponder.support.brokers.RequiresMosquitto;
import io.autoresponder.support.wire.ScenarioRun;

/**
 * Differential conformance: each scenario of {@link Mqtt311Scenarios} and {@link Mqtt5Scenarios} is played
 * against a fresh Mosquitto 2.0 (its default configuration: one listener, anonymous clients) and against the
 * embedded broker, and what the clients observed (packets, flags, reason codes, order, connection closes) must be
 * the same. Each scenario uses its own topics and client ids, so the shared embedded broker keeps no state
 * between them that another scenario could see.
 *
 * <p>Deliberate differences, where the embedded broker is held to a transcript written from the specification
 * instead (docs/broker-conformance.md explains each):
 * <ul>
 * <li>overlapping subscriptions deliver one copy at the highest QoS [MQTT-3.3.5-1] (Mosquitto: QoS 1), in MQTT 5
 * with every subscription identifier (Mosquitto: one copy per subscription);</li>
 * <li>a client silent for 1.5 times its keep-alive is closed at once [MQTT-3.1.2-24] (Mosquitto: after 3 s or
 * more for a keep-alive of 1 s);</li>
 * <li>MQTT 5 take-over sends DISCONNECT 0x8E [MQTT-3.1.4-3]; topic alias 0 gets 0x94 and subscription
 * identifier 0 gets 0x82 (Mosquitto: close, 0x81, 0x81);</li>
 * <li>MQTT 5 payload format indicator 1 with invalid UTF-8 gets PUBACK 0x99 (Mosquitto forwards it); a QoS 1
 * message nobody subscribed to gets PUBACK 0x00 (Mosquitto: 0x10);</li>
 * <li>MQTT 5 empty client id with Clean Start 0 is refused with 0x85 by Vert.x (Mosquitto assigns an id);</li>
 * <li>the CONNACK properties announce the embedded broker's own limits.</li>
 * </ul>
 */
@QuarkusTest
@WithTestResource(FreeBrokerPort.class)
@ExtendWith(RequiresMosquitto.class)
class MosquittoDifferentialTest {

    private static final Logger LOG = Logger.getLogger(MosquittoDifferentialTest.class);

    @ConfigProperty(name = "autoresponder.broker.port")
    int port;

    static Stream<ConformanceScenario> scenarios() {
        return Stream.concat(Mqtt311Scenarios.all().stream(), Mqtt5Scenarios.all().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void embeddedBrokerBehavesAsMosquitto(ConformanceScenario scenario) throws Exception {
        String namespace = UUID.randomUUID().toString().substring(0, 8);
        List<String> mosquitto;
        try (Mosquitto reference = Mosquitto.startWithDefaults()) {
            mosquitto = play(scenario, reference.port(), namespace);
        }
        List<String> embedded = play(scenario, port, namespace);

        if (scenario.sameAsMosquitto()) {
            assertThat(embedded).as("embedded broker vs Mosquitto 2.0 in: %s%nMosquitto: %s%nembedded:  %s",
                    scenario, String.join(" | ", mosquitto), String.join(" | ", embedded))
                    .containsExactlyElementsOf(mosquitto);
        } else {
            LOG.infof("%s: deliberate difference (%s)%n  Mosquitto: %s%n  embedded:  %s", scenario,
                    scenario.difference(), String.join(" | ", mosquitto), String.join(" | ", embedded));
            assertThat(embedded).as("embedded broker vs the specification in: %s (Mosquitto: %s)", scenario,
                    String.join(" | ", mosquitto)).containsExactlyElementsOf(scenario.ours());
        }
    }

    private static List<String> play(ConformanceScenario scenario, int port, String namespace) throws Exception {
        try (ScenarioRun run = new ScenarioRun(port, namespace)) {
            scenario.script().play(run);
            return run.transcript().stream().map(line -> line.replace(namespace, "<ns>")).toList();
        }
    }
}
